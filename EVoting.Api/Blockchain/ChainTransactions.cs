using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>Builds and signs the transactions the API submits. The stored JSON is what is (re)sent.</summary>
public sealed class ChainTransactions(ChainSettings chain, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public Transaction Vote(int electionId, string nullifier, byte[] encryptedVote, Hash32 ballotHash, byte[] proof) =>
        new Transaction
        {
            Kind = TxKind.Vote,
            ChainId = chain.ChainId,
            ElectionId = (ulong)electionId,
            Timestamp = Now,
            Nullifier = nullifier,
            EncryptedVote = encryptedVote,
            BallotHash = ballotHash,
            Proof = proof,
        }.Sign(chain.Submitter);

    public Transaction Open(int electionId, byte[] publicKey, int candidates, int maxSelections, ulong? rollSize) =>
        new Transaction
        {
            Kind = TxKind.ElectionOpen,
            ChainId = chain.ChainId,
            ElectionId = (ulong)electionId,
            Timestamp = Now,
            PublicKey = publicKey,
            Candidates = candidates,
            MaxSelections = maxSelections,
            RollSize = rollSize,
        }.Sign(chain.Submitter);

    public Transaction Close(int electionId) =>
        new Transaction
        {
            Kind = TxKind.ElectionClose,
            ChainId = chain.ChainId,
            ElectionId = (ulong)electionId,
            Timestamp = Now,
        }.Sign(chain.Submitter);
}
