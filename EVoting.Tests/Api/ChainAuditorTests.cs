using EVoting.Ballots;
using EVoting.Audit;
using EVoting.Rpc;
using EVoting.Chain;
using EVoting.Api.Blockchain;
using EVoting.Tests.Chain;

namespace EVoting.Tests.Api;

/// <summary>The auditor shared by /api/blockchain/verify and `evoting verify`, on a chain with real ballots.</summary>
public class ChainAuditorTests
{
    private readonly TestChain _chain = new(validators: 3, ballotRule: new BallotRule());
    private readonly ElectionKeyPair _key = ElectionKeyPair.Generate();
    private readonly Election _election;
    private readonly List<Block> _blocks;
    private readonly List<Ballot> _ballots = []; // every ballot the chain holds, for an independent aggregate

    public ChainAuditorTests()
    {
        _election = new Election(1, _key.PublicKey, candidates: 3);
        _blocks = [_chain.Genesis.GenesisBlock];
        _blocks.Add(_chain.Commit(Open()));
        _blocks.Add(_chain.Commit(Vote(1, 1), Vote(2, 2), Vote(3, 2)));
        _blocks.Add(_chain.Commit(_chain.Close(1)));
    }

    [Fact]
    public async Task A_valid_chain_passes_and_its_ballots_are_summed()
    {
        var report = await Audit(_blocks);

        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
        Assert.Equal(3UL, report.CheckedBlocks);
        Assert.Equal(3, report.TotalVotes);
        var audited = report.Elections[1];
        Assert.True(audited.Closed);
        Assert.Equal(3, audited.ValidBallotCount);
        var expected = TallyAggregator.Aggregate(_election, _ballots);
        var sums = audited.Aggregate!;
        Assert.Equal(3, sums.BallotCount);
        Assert.Equal(expected.A, sums.A);
        Assert.Equal(expected.B, sums.B);
    }

    [Fact]
    public async Task A_published_tally_that_matches_the_chain_verifies_and_a_changed_count_does_not()
    {
        var audited = (await Audit(_blocks)).Elections[1];
        var decryptions = TallyDecryptor.Decrypt(_key, _election, TallyAggregator.Aggregate(_election, _ballots));
        var published = Publish(decryptions, d => d.Count);

        Assert.Empty(TallyAudit.Check(audited, published));
        Assert.Equal([1L, 2L, 0L], published.Candidates.Select(c => c.Count));

        var wrong = Publish(decryptions, d => d.Count == 2 ? 1 : d.Count);
        Assert.Contains(TallyAudit.Check(audited, wrong), e => e.Contains(BallotErrors.CountMismatch));
    }

    [Fact]
    public async Task A_published_tally_of_other_ballots_than_the_chain_holds_is_reported()
    {
        var audited = (await Audit(_blocks)).Elections[1];
        // A correct decryption, with valid proofs, of a sum that leaves out the chain's third ballot.
        var published = Publish(TallyDecryptor.Decrypt(_key, _election, TallyAggregator.Aggregate(_election, _ballots.Take(2).ToList())), d => d.Count);

        var errors = TallyAudit.Check(audited, published);

        Assert.Contains(errors, e => e.Contains("published total_ballots 2 but the chain holds 3 valid ballots"));
        // Every candidate's sum differs: a ballot encrypts a 0 for the others afresh too.
        foreach (var candidate in new[] { 1, 2, 3 })
            Assert.Contains(errors, e => e.Contains($"candidate {candidate}: the published aggregate is not the sum of the ballots on chain"));
    }

    [Fact]
    public async Task A_ballot_tampered_in_a_stored_block_is_reported()
    {
        var block = _blocks[2];
        var vote = block.Transactions[1];
        var bytes = (byte[])vote.EncryptedVote.Clone();
        bytes[^1] ^= 0x01;
        var tampered = block with { Transactions = [block.Transactions[0], vote with { EncryptedVote = bytes }, block.Transactions[2]] };
        var blocks = _blocks.ToList();
        blocks[2] = tampered;

        var report = await Audit(blocks);

        Assert.False(report.ChainValid);
        Assert.Contains(report.Errors, e => e.StartsWith("block 2", StringComparison.Ordinal) && e.Contains(ValidationErrors.BlockRootMismatch));
        Assert.Contains(report.Errors, e => e.StartsWith("block 2 tx 1", StringComparison.Ordinal));
        // The tampered ballot is left out of the sums a published tally is checked against.
        var audited = report.Elections[1];
        Assert.Equal(2, audited.ValidBallotCount);
        Assert.Equal(1, audited.InvalidBallots);
        Assert.Equal(TallyAggregator.Aggregate(_election, [_ballots[0], _ballots[2]]).A, audited.Aggregate!.A);
    }

    [Fact]
    public async Task A_block_without_a_quorum_certificate_is_reported()
    {
        var blocks = _blocks.ToList();
        blocks[1] = blocks[1].WithCommit(_chain.Certify(blocks[1], signers: 1));

        var report = await Audit(blocks);

        Assert.Contains(report.Errors, e => e.StartsWith("block 1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certified_block_from_a_proposer_out_of_turn_is_reported()
    {
        var blocks = _blocks.Take(3).ToList();
        // The same transactions as block 3, proposed by the validator scheduled for round 1 but claiming round 0.
        var original = _blocks[3];
        var forged = Block.Create(_chain.Genesis.ChainId, 3, original.Header.PrevHash, original.Header.TimestampMs, 0,
            original.Transactions, _chain.ProposerKey(3, round: 1));
        Assert.NotEqual(_chain.ProposerKey(3).Address, _chain.ProposerKey(3, round: 1).Address);
        blocks.Add(forged.WithCommit(_chain.Certify(forged)));

        var report = await Audit(blocks);

        Assert.Contains(report.Errors, e => e == $"block 3: {ValidationErrors.BlockWrongProposer}");
    }

    [Fact]
    public async Task The_auditor_continues_from_where_it_stopped()
    {
        var source = new ListSource(_blocks.Take(2).ToList());
        var auditor = new ChainAuditor(_chain.Genesis, new BallotRule());
        Assert.Equal(1UL, (await auditor.AdvanceAsync(source, CancellationToken.None)).CheckedBlocks);

        source.Blocks.AddRange(_blocks.Skip(2));
        var report = await auditor.AdvanceAsync(source, CancellationToken.None);

        Assert.Equal(3UL, report.CheckedBlocks);
        Assert.Equal(3, source.Reads.Count(n => n > 0));
        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public async Task With_a_budget_the_auditor_stops_between_blocks_and_the_next_call_goes_on()
    {
        var source = new ListSource(_blocks.ToList());
        var auditor = new ChainAuditor(_chain.Genesis, new BallotRule());
        Assert.Equal(0UL, auditor.LastReport.CheckedBlocks);

        // A zero budget still checks one block per call: a request always makes progress.
        Assert.Equal(1UL, (await auditor.AdvanceAsync(source, CancellationToken.None, TimeSpan.Zero)).CheckedBlocks);
        Assert.Equal(2UL, (await auditor.AdvanceAsync(source, CancellationToken.None, TimeSpan.Zero)).CheckedBlocks);
        Assert.Equal(2UL, auditor.LastReport.CheckedBlocks);
        var report = await auditor.AdvanceAsync(source, CancellationToken.None);

        Assert.Equal(3UL, report.CheckedBlocks);
        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
        Assert.Equal(3, report.TotalVotes);
        Assert.Equal([1UL, 2UL, 3UL], source.Reads.Where(n => n > 0));
    }

    [Fact]
    public async Task While_another_advance_holds_the_auditor_a_budgeted_call_answers_with_the_last_report()
    {
        var source = new ListSource(_blocks.Take(2).ToList());
        var auditor = new ChainAuditor(_chain.Genesis, new BallotRule());
        await auditor.AdvanceAsync(source, CancellationToken.None);
        var slow = new GatedSource(_blocks);
        var holding = auditor.AdvanceAsync(slow, CancellationToken.None);
        await slow.Reading.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var answer = await auditor.AdvanceAsync(source, CancellationToken.None, TimeSpan.FromMilliseconds(50));

        Assert.Equal(1UL, answer.CheckedBlocks);
        slow.Release.SetResult();
        Assert.Equal(3UL, (await holding).CheckedBlocks);
    }

    [Fact]
    public async Task The_stats_audit_does_not_prove_again_a_ballot_the_submit_path_recorded_under_the_same_election_key()
    {
        var inner = new CountingBallotRule(new BallotRule());
        var verdicts = new CachingBallotRule(inner, capacity: 100);
        var auditor = new ChainAuditor(_chain.Genesis, verdicts, sumBallots: false);
        var votes = _blocks[2].Transactions;
        var recorded = new Dictionary<string, string>
        {
            [votes[0].Hash.ToString()] = _key.PublicKeyHex,
            [votes[1].Hash.ToString()] = ElectionKeyPair.Generate().PublicKeyHex, // checked under another key
        };
        var lookups = new List<int>();
        var source = new SubmitVerdictSource(new ListSource(_blocks.ToList()), verdicts, (hashes, _) =>
        {
            lookups.Add(hashes.Count);
            return Task.FromResult<IReadOnlyDictionary<string, string>>(recorded.Where(r => hashes.Contains(r.Key)).ToDictionary());
        });

        var report = await auditor.AdvanceAsync(source, CancellationToken.None);

        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
        Assert.Equal(3, report.TotalVotes);
        Assert.Equal([3], lookups); // one lookup, for the one block with votes
        Assert.Equal(2, inner.Calls); // the vote recorded under another key and the unrecorded one
    }

    private sealed class CountingBallotRule(IBallotRule inner) : IBallotRule
    {
        public int Calls { get; private set; }

        public bool Verify(ElectionInfo election, Transaction vote, out string? error)
        {
            Calls++;
            return inner.Verify(election, vote, out error);
        }
    }

    [Fact]
    public async Task An_auditor_that_does_not_sum_ballots_counts_them_and_cannot_check_a_tally()
    {
        var auditor = new ChainAuditor(_chain.Genesis, new BallotRule(), sumBallots: false);
        var audited = (await auditor.AdvanceAsync(new ListSource(_blocks.ToList()), CancellationToken.None)).Elections[1];
        var published = Publish(TallyDecryptor.Decrypt(_key, _election, TallyAggregator.Aggregate(_election, _ballots)), d => d.Count);

        Assert.Equal(3, audited.ValidBallotCount);
        Assert.Null(audited.Aggregate);
        Assert.Throws<InvalidOperationException>(() => TallyAudit.Check(audited, published));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_block_as_the_validator_serves_it_over_rpc_converts_back_to_the_same_block(int number)
    {
        var block = _blocks[number];
        using var doc = System.Text.Json.JsonDocument.Parse(EthFormat.Block(block, fullTransactions: true).ToJsonString());

        var parsed = RpcBlockJson.ToBlock(doc.RootElement);

        Assert.Equal(block.Hash, parsed.Header.ComputeHash());
        Assert.Equal(block.Hash, parsed.Hash);
        Assert.Equal(block.TransactionHashes(), parsed.TransactionHashes());
        Assert.Equal(block.Signature, parsed.Signature);
        Assert.Equal(block.Commit?.Precommits, parsed.Commit?.Precommits);
    }

    [Theory]
    [InlineData("0x7b22")]            // hex of `{"`: not JSON
    [InlineData("0xzz")]              // not hex
    [InlineData("0x7b2274797065223a22766f7465227d")] // {"type":"vote"}: a transaction missing its fields
    public void A_transaction_input_that_is_not_a_transaction_is_a_format_error(string input)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(EthFormat.Block(_blocks[2], fullTransactions: true).ToJsonString())!;
        node["transactions"]![0]!["input"] = input;
        using var doc = System.Text.Json.JsonDocument.Parse(node.ToJsonString());

        Assert.Throws<FormatException>(() => RpcBlockJson.ToBlock(doc.RootElement));
    }

    [Fact]
    public void A_block_with_the_chain_field_names_and_extra_ethereum_fields_converts_too()
    {
        var block = _blocks[2];
        var node = System.Text.Json.Nodes.JsonNode.Parse(BlockJson.Serialize(block))!.AsObject();
        node["number"] = "0x2";
        node["logsBloom"] = "0x" + new string('0', 512);
        foreach (var tx in node["transactions"]!.AsArray())
            tx!["blockNumber"] = "0x2";
        using var doc = System.Text.Json.JsonDocument.Parse(node.ToJsonString());

        Assert.Equal(block.TransactionHashes(), RpcBlockJson.ToBlock(doc.RootElement).TransactionHashes());
    }

    [Fact]
    public async Task Final_ballots_beyond_the_roll_size_on_chain_fail_the_audit_and_turnout_is_reported()
    {
        // Signed by the chain's real submitter key and certified by its validators, as a compromised API could.
        var chain = new TestChain(validators: 3, ballotRule: new BallotRule());
        var blocks = new List<Block> { chain.Genesis.GenesisBlock };
        blocks.Add(chain.Commit(Open(rollSize: 2, chain)));
        blocks.Add(chain.Commit(Vote(1, 1, chain), Vote(2, 2, chain)));
        var full = await Audit(blocks, chain);
        blocks.Add(chain.Commit(Vote(3, 3, chain)));
        var over = await Audit(blocks, chain);

        Assert.True(full.ChainValid, string.Join("\n", full.Errors));
        Assert.Equal("2 ballots of 2 on the roll (100 %)", full.Elections[1].DescribeTurnout());
        var error = Assert.Single(over.Errors);
        Assert.Contains("block 3", error);
        Assert.Contains("more final ballots than its roll of 2 voters", error);
        Assert.Equal(1.5, over.Elections[1].Turnout);
    }

    [Fact]
    public async Task An_election_without_a_roll_reports_turnout_only()
    {
        var report = await Audit(_blocks);

        Assert.Null(report.Elections[1].RollSize);
        Assert.Null(report.Elections[1].Turnout);
        Assert.Equal("3 ballots (open to every account: no roll)", report.Elections[1].DescribeTurnout());
    }

    private Task<AuditReport> Audit(IReadOnlyList<Block> blocks, TestChain? chain = null) =>
        new ChainAuditor((chain ?? _chain).Genesis, new BallotRule()).AdvanceAsync(new ListSource(blocks.ToList()), CancellationToken.None);

    private Transaction Open(ulong? rollSize = null, TestChain? chain = null) => new Transaction
    {
        Kind = TxKind.ElectionOpen, ChainId = (chain ?? _chain).Genesis.ChainId, ElectionId = 1, Timestamp = 1_699_360_001,
        PublicKey = _key.PublicKey, Candidates = 3, MaxSelections = 1, RollSize = rollSize,
    }.Sign((chain ?? _chain).Submitter);

    private Transaction Vote(int voter, int choice, TestChain? on = null)
    {
        var chain = on ?? _chain;
        var ballot = BallotEncryptor.EncryptChoice(_election, choice);
        _ballots.Add(ballot);
        return new Transaction
        {
            Kind = TxKind.Vote, ChainId = chain.Genesis.ChainId, ElectionId = 1, Timestamp = 1_699_360_002,
            Nullifier = TestChain.Nullifier(voter),
            EncryptedVote = BallotWire.EncodeCiphertexts(ballot),
            BallotHash = new Hash32(BallotHash.Compute(_election, ballot)),
            Proof = BallotWire.EncodeProof(ballot),
        }.Sign(chain.Submitter);
    }

    /// <summary>Through the JSON the API publishes, as `evoting verify --api` reads it.</summary>
    private PublishedTally Publish(IReadOnlyList<CandidateDecryption> ds, Func<CandidateDecryption, long> count) =>
        TallyJson.ParseResults(1, _key.PublicKey, null,
            TallyJson.ResultsFragment(ds.Sum(d => d.Count), ds.Select(d => d with { Count = count(d) }).ToArray()));

    /// <summary>Blocks after the first are served only once the test releases them.</summary>
    private sealed class GatedSource(List<Block> blocks) : IBlockSource
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<ulong> GetHeightAsync(CancellationToken ct) => Task.FromResult((ulong)(blocks.Count - 1));

        public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
        {
            Reading.TrySetResult();
            await Release.Task.WaitAsync(ct);
            return blocks[(int)number];
        }
    }

    private sealed class ListSource(List<Block> blocks) : IBlockSource
    {
        public List<Block> Blocks { get; } = blocks;
        public List<ulong> Reads { get; } = [];
        public Task<ulong> GetHeightAsync(CancellationToken ct) => Task.FromResult((ulong)(Blocks.Count - 1));

        public Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
        {
            Reads.Add(number);
            return Task.FromResult(number < (ulong)Blocks.Count ? Blocks[(int)number] : null);
        }
    }
}
