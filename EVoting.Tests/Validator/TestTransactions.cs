using EVoting.Ballots;
using EVoting.Chain;

namespace EVoting.Tests.Validator;

/// <summary>
/// Real transactions for node tests: an election_open with a fresh election key, and votes whose
/// ballots are encrypted with EVoting.Ballots (so the node's ballot rule really verifies proofs).
/// </summary>
internal sealed class TestTransactions(Genesis genesis, EthKey submitter, ulong electionId = 1, int candidates = 3)
{
    private readonly ElectionKeyPair _key = ElectionKeyPair.Generate();
    private Election Election => new(electionId, _key.PublicKey, candidates, 1);

    public ulong ElectionId => electionId;

    public Transaction Open() => new Transaction
    {
        Kind = TxKind.ElectionOpen,
        ChainId = genesis.ChainId,
        ElectionId = electionId,
        Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        PublicKey = _key.PublicKey,
        Candidates = candidates,
        MaxSelections = 1,
    }.Sign(submitter);

    public Transaction Close() => new Transaction
    {
        Kind = TxKind.ElectionClose,
        ChainId = genesis.ChainId,
        ElectionId = electionId,
        Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    }.Sign(submitter);

    public Transaction Vote(int voter, int choice = 1)
    {
        var election = Election;
        var ballot = BallotEncryptor.EncryptChoice(election, choice);
        var encrypted = BallotWire.EncodeCiphertexts(ballot);
        return new Transaction
        {
            Kind = TxKind.Vote,
            ChainId = genesis.ChainId,
            ElectionId = electionId,
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Nullifier = "anon-" + Convert.ToHexStringLower(Keccak.Hash(BitConverter.GetBytes(voter * 7919 + (int)electionId))),
            EncryptedVote = encrypted,
            BallotHash = new Hash32(BallotHash.FromEncryptedVote(election, encrypted)),
            Proof = BallotWire.EncodeProof(ballot),
        }.Sign(submitter);
    }

    public static Genesis CreateGenesis(int validators, out EthKey[] keys, out EthKey submitter, int blockPeriodMs = 200, int roundTimeoutMs = 600)
    {
        keys = Enumerable.Range(0, validators).Select(_ => EthKey.Generate()).ToArray();
        submitter = EthKey.Generate();
        return new Genesis
        {
            ChainId = 1337,
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1,
            Validators = keys.Select(k => k.Address).ToArray(),
            Submitters = [submitter.Address],
            BlockPeriodMs = blockPeriodMs,
            MaxTxsPerBlock = 500,
            RoundTimeoutMs = roundTimeoutMs,
        };
    }
}
