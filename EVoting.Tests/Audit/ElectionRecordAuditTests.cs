using EVoting.Audit;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Chain;
using EVoting.Tests.Chain;
using Org.BouncyCastle.Math;

namespace EVoting.Tests.Audit;

/// <summary>
/// An election's record checked from the chain alone (<see cref="ElectionRecordAudit"/>): a g = 3, q = 2 ceremony in
/// election_open and a threshold tally in election_tally, on a chain with real ballots and validator rules; and the
/// forgeries it must catch, which the validators (shape checks only) let onto the chain.
/// </summary>
public sealed class ElectionRecordAuditTests
{
    private const ulong Id = 1;
    private static readonly int[] Choices = [1, 2, 2, 3, 2];

    private readonly TestChain _chain = new(validators: 3, ballotRule: new BallotRule());
    private readonly GuardianPolynomial[] _polynomials;
    private readonly IReadOnlyList<CoefficientCommitment>[] _commitments;
    private readonly CeremonyResult _ceremony;
    private readonly Election _election;
    private readonly List<Ballot> _ballots = [];
    private readonly List<Block> _blocks;

    public ElectionRecordAuditTests()
    {
        var parameters = new CeremonyParameters(Id, 3, 2);
        _polynomials = Enumerable.Range(1, 3).Select(i => GuardianPolynomial.Generate(parameters, i)).ToArray();
        _commitments = _polynomials.Select(p => p.Commit()).ToArray();
        _ceremony = CeremonyResult.FromCommitments(parameters, _commitments);
        _election = new Election(Id, P256.Encode(_ceremony.ElectionKey), 3);
        _blocks = [_chain.Genesis.GenesisBlock, _chain.Commit(Open(CeremonyJson.Serialize(CeremonyRecord.From(_ceremony, _commitments))))];
        _blocks.Add(_chain.Commit(Choices.Select((c, v) => Vote(v, c)).ToArray()));
        _blocks.Add(_chain.Commit(_chain.Close(Id)));
    }

    /// <summary>s_ℓ = Σ_i P_i(ℓ): what guardian ℓ holds after the ceremony.</summary>
    private BigInteger SecretShare(int guardian) =>
        _polynomials.Aggregate(BigInteger.Zero, (sum, p) => P256.Mod(sum.Add(p.ShareFor(guardian))));

    private IReadOnlyList<ThresholdCandidateResult> Tally(params int[] guardians)
    {
        var sums = TallyAggregator.Aggregate(_election, _ballots);
        var shares = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<PartialDecryption>)guardians
            .Select(g => PartialDecryption.Create(_election, g, SecretShare(g), _ceremony.VerificationKey(g), sums.A[i], sums.B[i])).ToArray()).ToArray();
        return ThresholdTally.Combine(_election, _ceremony, sums, shares);
    }

    [Fact]
    public async Task A_threshold_tally_by_two_of_three_guardians_verifies_from_the_chain_with_the_chains_names()
    {
        _blocks.Add(_chain.Commit(TallyTx(ThresholdJson.Serialize(Tally(1, 3)))));

        var report = await Audit();
        var audited = report.Elections[Id];

        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
        Assert.Empty(ElectionRecordAudit.Check(audited));
        Assert.Equal(["Alice", "Bob", "Carol"], audited.CandidateNames);
        Assert.Equal([1L, 3L, 1L], ElectionRecordAudit.Results(audited).Select(r => r.Count));
        Assert.Equal("election 1 \"Board\": 5 ballots; Alice 1, Bob 3, Carol 1 (guardians 1, 3)", EVoting.Cli.Commands.VerifyCommand.TallyLine(audited));
    }

    [Fact]
    public void With_one_guardian_of_a_quorum_of_two_the_tally_is_refused()
    {
        var e = Assert.Throws<BallotFormatException>(() => Tally(2));
        Assert.Equal(TrusteeErrors.TooFewShares, e.Reason);
    }

    [Fact]
    public async Task A_forged_count_on_chain_is_reported()
    {
        var results = Tally(1, 2).ToArray();
        results[1] = results[1] with { Count = results[1].Count - 1 };
        _blocks.Add(_chain.Commit(TallyTx(ThresholdJson.Serialize(results))));

        var errors = ElectionRecordAudit.Check((await Audit()).Elections[Id]);

        Assert.Contains(errors, e => e.Contains(BallotErrors.CountMismatch));
    }

    [Fact]
    public async Task A_decryption_with_a_key_the_publisher_chose_is_reported()
    {
        // Whoever publishes picks a secret of its own and proves M = x·A for it: the proof is checked against
        // K*_ℓ from the ceremony on chain, so it fails, and so does D.
        var chosen = ElectionKeyPair.Generate();
        var sums = TallyAggregator.Aggregate(_election, _ballots);
        var forged = Enumerable.Range(0, 3).Select(i =>
        {
            var share = PartialDecryption.Create(_election, 1, P256.DecodeScalar(Convert.FromHexString(chosen.SecretHex), "s"), P256.DecodePoint(chosen.PublicKey), sums.A[i], sums.B[i]);
            return new ThresholdCandidateResult(sums.A[i], sums.B[i], [share, share with { Guardian = 2 }], [1, 2], Choices.Count(c => c == i + 1));
        }).ToArray();
        _blocks.Add(_chain.Commit(TallyTx(ThresholdJson.Serialize(forged))));

        var errors = ElectionRecordAudit.Check((await Audit()).Elections[Id]);

        Assert.Contains(errors, e => e.Contains(TrusteeErrors.PartialDecryptionInvalid));
    }

    [Fact]
    public async Task A_tally_of_other_ballots_and_a_wrong_total_are_reported()
    {
        var sums = TallyAggregator.Aggregate(_election, _ballots.Take(4).ToArray());
        var shares = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<PartialDecryption>)new[] { 1, 2 }
            .Select(g => PartialDecryption.Create(_election, g, SecretShare(g), _ceremony.VerificationKey(g), sums.A[i], sums.B[i])).ToArray()).ToArray();
        _blocks.Add(_chain.Commit(TallyTx(ThresholdJson.Serialize(ThresholdTally.Combine(_election, _ceremony, sums, shares)), total: 4)));

        var errors = ElectionRecordAudit.Check((await Audit()).Elections[Id]);

        Assert.Contains(errors, e => e.Contains("election_tally counts 4 ballots but the chain holds 5 valid ballots"));
        Assert.Contains(errors, e => e.Contains("candidate 1: election_tally's aggregate is not the sum of the ballots on chain"));
    }

    [Fact]
    public async Task A_ceremony_record_with_a_proof_moved_to_another_guardian_is_reported()
    {
        var chain = new TestChain(validators: 3, ballotRule: new BallotRule());
        var swapped = _commitments.ToArray();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        var json = CeremonyJson.Serialize(new CeremonyRecord(_ceremony.Ceremony, swapped, _ceremony.ElectionKey, _ceremony.VerificationKeys));
        var blocks = new List<Block> { chain.Genesis.GenesisBlock, chain.Commit(Open(json, chain)) };

        var report = await new ChainAuditor(chain.Genesis, new BallotRule()).AdvanceAsync(new ListSource(blocks), CancellationToken.None);

        Assert.Contains(ElectionRecordAudit.Check(report.Elections[Id]), e => e.Contains(TrusteeErrors.CoefficientProofInvalid));
    }

    private Task<AuditReport> Audit() =>
        new ChainAuditor(_chain.Genesis, new BallotRule()).AdvanceAsync(new ListSource(_blocks), CancellationToken.None);

    private Transaction Open(string ceremony, TestChain? chain = null)
    {
        chain ??= _chain;
        return new Transaction
        {
            Kind = TxKind.ElectionOpen, ChainId = chain.Genesis.ChainId, ElectionId = Id, Timestamp = 1_699_360_001,
            PublicKey = P256.Encode(_ceremony.ElectionKey), Candidates = 3, MaxSelections = 1,
            Title = "Board", CandidateNames = ["Alice", "Bob", "Carol"], Ceremony = ceremony,
        }.Sign(chain.Submitter);
    }

    private Transaction Vote(int voter, int choice)
    {
        var ballot = BallotEncryptor.EncryptChoice(_election, choice);
        _ballots.Add(ballot);
        return new Transaction
        {
            Kind = TxKind.Vote, ChainId = _chain.Genesis.ChainId, ElectionId = Id, Timestamp = 1_699_360_002,
            Nullifier = TestChain.Nullifier(voter),
            EncryptedVote = BallotWire.EncodeCiphertexts(ballot),
            BallotHash = new Hash32(BallotHash.Compute(_election, ballot)),
            Proof = BallotWire.EncodeProof(ballot),
        }.Sign(_chain.Submitter);
    }

    private Transaction TallyTx(string results, int total = 5) => new Transaction
    {
        Kind = TxKind.ElectionTally, ChainId = _chain.Genesis.ChainId, ElectionId = Id, Timestamp = 1_699_360_100,
        TotalBallots = total, Results = results,
    }.Sign(_chain.Submitter);

    private sealed class ListSource(List<Block> blocks) : IBlockSource
    {
        public Task<ulong> GetHeightAsync(CancellationToken ct) => Task.FromResult((ulong)(blocks.Count - 1));

        public Task<Block?> GetBlockAsync(ulong number, CancellationToken ct) =>
            Task.FromResult(number < (ulong)blocks.Count ? blocks[(int)number] : null);
    }
}
