using EVoting.Ballots;

namespace EVoting.Audit;

/// <summary>One election as the chain shows it: its parameters and record, whether it is closed, its valid ballots, its tally.</summary>
public sealed class AuditedElection(Election election, bool sumBallots)
{
    public Election Election { get; } = election;
    public bool Closed { get; internal set; }

    /// <summary>The title election_open fixed; "" when it carries no election record.</summary>
    public string Title { get; internal init; } = "";

    /// <summary>The candidate names election_open fixed, in ballot order; empty when it carries no election record.</summary>
    public IReadOnlyList<string> CandidateNames { get; internal init; } = [];

    /// <summary>The ceremony record (JSON) election_open carries; "" when none.</summary>
    public string Ceremony { get; internal init; } = "";

    /// <summary>The election_tally transaction, once it is on chain.</summary>
    public Chain.Transaction? Tally { get; internal set; }

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
