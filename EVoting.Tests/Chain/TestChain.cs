using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>
/// A small network for chain tests: n validator keys, one submitter, a genesis, and helpers that
/// build signed transactions, proposals and certificates the way the nodes do.
/// </summary>
internal sealed class TestChain
{
    /// <param name="index">The chain state's indexes; null for ones on the heap.</param>
    public TestChain(int validators = 3, IBallotRule? ballotRule = null, IChainIndex? index = null)
    {
        ValidatorKeys = Enumerable.Range(0, validators).Select(_ => EthKey.Generate()).ToArray();
        Submitter = EthKey.Generate();
        Genesis = new Genesis
        {
            ChainId = 1337,
            Timestamp = 1_699_360_000,
            Validators = ValidatorKeys.Select(k => k.Address).ToArray(),
            Submitters = [Submitter.Address],
            BlockPeriodMs = 1000,
            MaxTxsPerBlock = 50,
        };
        Rule = ballotRule ?? new MarkerBallotRule();
        TxValidator = new TransactionValidator(Genesis, Rule);
        BlockValidator = new BlockValidator(TxValidator);
        State = new ChainState(Genesis, index);
    }

    public EthKey[] ValidatorKeys { get; }
    public EthKey Submitter { get; }
    public Genesis Genesis { get; }
    public IBallotRule Rule { get; }
    public TransactionValidator TxValidator { get; }
    public BlockValidator BlockValidator { get; }
    public ChainState State { get; }
    public long Now => State.Head.TimestampMs + 1000;

    public EthKey ProposerKey(ulong height, int round = 0)
    {
        var address = ProposerSchedule.ProposerFor(Genesis, height, round);
        return ValidatorKeys.Single(k => k.Address == address);
    }

    public Transaction Open(ulong electionId, int candidates = 3, int maxSelections = 1, EthKey? signer = null) =>
        new Transaction
        {
            Kind = TxKind.ElectionOpen,
            ChainId = Genesis.ChainId,
            ElectionId = electionId,
            Timestamp = 1_699_360_001,
            PublicKey = [0x02, .. Enumerable.Repeat((byte)7, 32)],
            Candidates = candidates,
            MaxSelections = maxSelections,
        }.Sign(signer ?? Submitter);

    /// <summary>An election_open carrying the election record (title, names, a ceremony record of the right shape).</summary>
    public Transaction OpenWithRecord(ulong electionId, int candidates = 3, int guardians = 1, int quorum = 1)
    {
        var open = Open(electionId, candidates);
        return (open with
        {
            Title = "Board election",
            CandidateNames = Enumerable.Range(1, candidates).Select(i => $"Candidate {i}").ToArray(),
            Ceremony = $$"""{"election_id":{{electionId}},"guardians":{{guardians}},"quorum":{{quorum}},"commitments":[],"election_key":"{{Convert.ToHexStringLower(open.PublicKey)}}","verification_keys":[]}""",
        }).Sign(Submitter);
    }

    /// <summary>An election_tally with <paramref name="results"/> result objects (their content is the auditor's to check).</summary>
    public Transaction Tally(ulong electionId, int results = 3) =>
        new Transaction
        {
            Kind = TxKind.ElectionTally, ChainId = Genesis.ChainId, ElectionId = electionId, Timestamp = 1_699_360_200,
            TotalBallots = 1, Results = "[" + string.Join(",", Enumerable.Repeat("{\"count\":0}", results)) + "]",
        }.Sign(Submitter);

    public Transaction Close(ulong electionId) =>
        new Transaction { Kind = TxKind.ElectionClose, ChainId = Genesis.ChainId, ElectionId = electionId, Timestamp = 1_699_360_100 }
            .Sign(Submitter);

    public static string Nullifier(int voter) => "anon-" + Convert.ToHexStringLower(Keccak.Hash(BitConverter.GetBytes(voter)));

    public Transaction Vote(ulong electionId, int voter, byte[]? encryptedVote = null, EthKey? signer = null) =>
        new Transaction
        {
            Kind = TxKind.Vote,
            ChainId = Genesis.ChainId,
            ElectionId = electionId,
            Timestamp = 1_699_360_002,
            Nullifier = Nullifier(voter),
            EncryptedVote = encryptedVote ?? [.. Enumerable.Repeat((byte)voter, 66)],
            BallotHash = Keccak.Hash32(BitConverter.GetBytes(voter * 31 + 7)),
            Proof = [1, 2, 3],
        }.Sign(signer ?? Submitter);

    public Block Propose(IReadOnlyList<Transaction> txs, int round = 0, long? timestampMs = null, EthKey? proposer = null) =>
        Block.Create(Genesis.ChainId, State.Height + 1, State.HeadHash, timestampMs ?? Now, round, txs,
            proposer ?? ProposerKey(State.Height + 1, round));

    public CommitCertificate Certify(Block block, int round = 0, int signers = -1, IEnumerable<EthKey>? keys = null)
    {
        var digest = ConsensusDigest.Vote(Genesis.ChainId, VoteType.Precommit, block.Index, round, block.Hash);
        var chosen = (keys ?? ValidatorKeys.Take(signers < 0 ? Genesis.Quorum : signers)).ToArray();
        return new CommitCertificate(round, chosen.Select(k => k.Sign(digest)).ToArray());
    }

    /// <summary>Validates as final and applies, as a node does on commit.</summary>
    public Block Commit(params Transaction[] txs)
    {
        var block = Propose(txs);
        block = block.WithCommit(Certify(block));
        if (!BlockValidator.ValidateFinal(block, State, Now, out var error))
            throw new InvalidOperationException(error);
        State.Apply(block);
        return block;
    }
}

/// <summary>
/// A stand-in ballot rule for chain-only tests: a ballot is "valid" unless its ciphertext bytes start
/// with 0xBA 0xD0. The real rule (EVoting.Ballots) is tested with real proofs in its own suite.
/// </summary>
internal sealed class MarkerBallotRule : IBallotRule
{
    public const string Reason = "marked invalid";

    public bool Verify(ElectionInfo election, Transaction vote, out string? error)
    {
        error = vote.EncryptedVote is [0xBA, 0xD0, ..] ? Reason : null;
        return error is null;
    }
}
