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

    /// <summary>election_open with the election record: K, k, L, the title, the names in ballot order, the ceremony record and the roll's size.</summary>
    public Transaction Open(Data.ElectionRecord election, string ceremony)
    {
        var candidates = election.Candidates.OrderBy(c => c.Position).ToArray();
        return new Transaction
        {
            Kind = TxKind.ElectionOpen,
            ChainId = chain.ChainId,
            ElectionId = (ulong)election.Id,
            Timestamp = Now,
            PublicKey = Convert.FromHexString(election.PublicKey),
            Candidates = candidates.Length,
            MaxSelections = election.MaxSelections,
            Title = election.Title,
            CandidateNames = candidates.Select(c => c.Name).ToArray(),
            Ceremony = ceremony,
            // Fixed on chain so an auditor can tell turnout, and more ballots than voters, from the chain alone (docs/voter-roll.md).
            RollSize = election.Eligibility == Elections.Eligibility.Roll ? (ulong)election.RollEntries : null,
        }.Sign(chain.Submitter);
    }

    /// <summary>election_tally: the number of ballots counted and the threshold results JSON (docs/trustees.md).</summary>
    public Transaction Tally(int electionId, int totalBallots, string results) =>
        new Transaction
        {
            Kind = TxKind.ElectionTally,
            ChainId = chain.ChainId,
            ElectionId = (ulong)electionId,
            Timestamp = Now,
            TotalBallots = totalBallots,
            Results = results,
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
