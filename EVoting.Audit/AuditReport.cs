using EVoting.Ballots;

namespace EVoting.Audit;

/// <summary>One election as the chain shows it: its parameters, whether it is closed, its valid ballots.</summary>
public sealed class AuditedElection(Election election, bool sumBallots)
{
    public Election Election { get; } = election;
    public bool Closed { get; internal set; }

    /// <summary>The running sums of the valid ballots; null unless the auditor was asked for them.</summary>
    internal TallyAccumulator? Sums { get; } = sumBallots ? new TallyAccumulator(election) : null;

    /// <summary>
    /// The homomorphic sums of the valid ballots on chain, for checking a published tally; null
    /// when the auditor does not sum ballots. Read it once the auditor's advance has returned.
    /// </summary>
    public EncryptedTally? Aggregate => Sums?.ToTally();

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
