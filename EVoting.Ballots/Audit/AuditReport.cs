namespace EVoting.Ballots.Audit;

/// <summary>One election as the chain shows it: its parameters, whether it is closed, its valid ballots.</summary>
public sealed class AuditedElection(Election election)
{
    public Election Election { get; } = election;
    public bool Closed { get; internal set; }
    /// <summary>The valid ballots, decoded; empty unless the auditor was asked to keep them.</summary>
    public List<Ballot> ValidBallots { get; } = [];
    public int ValidBallotCount { get; internal set; }
    public int InvalidBallots { get; internal set; }
}

/// <summary>What an audit found: the blocks checked, every error (empty when the chain is valid), the elections.</summary>
public sealed record AuditReport(
    ulong CheckedBlocks, int TotalVotes, IReadOnlyList<string> Errors,
    IReadOnlyDictionary<ulong, AuditedElection> Elections, IReadOnlyList<long> BlockTimestampsMs)
{
    public bool ChainValid => Errors.Count == 0;
}
