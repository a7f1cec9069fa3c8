namespace EVoting.Chain;

/// <summary>The read side of chain state that validation needs.</summary>
public interface IChainView
{
    ElectionInfo? GetElection(ulong electionId);
    bool IsElectionClosed(ulong electionId);
    /// <summary>Whether the election's election_tally is on chain (or pending in this view).</summary>
    bool IsElectionTallied(ulong electionId);
    bool HasNullifier(ulong electionId, string nullifier);
    bool HasBallotHash(ulong electionId, Hash32 ballotHash);
    bool HasTransaction(Hash32 txHash);
}
