using EVoting.Ballots;

namespace EVoting.Audit;

/// <summary>One election as the chain shows it: its parameters, record and roll size, whether it is closed, its valid ballots, its tally.</summary>
public sealed class AuditedElection(Election election, bool sumBallots, ulong? rollSize = null)
{
    public Election Election { get; } = election;

    /// <summary>The voters its roll lists, as election_open fixed it; null when anyone may vote (no roll).</summary>
    public ulong? RollSize { get; } = rollSize;
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

    /// <summary>Valid ballots per roll entry; null without a roll (or an empty one).</summary>
    public double? Turnout => RollSize is { } size and > 0 ? (double)ValidBallotCount / size : null;

    /// <summary>"V ballots of R on the roll (x %)", or "V ballots (open to every account: no roll)".</summary>
    public string DescribeTurnout() => RollSize is { } size
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ValidBallotCount} ballots of {size} on the roll ({(Turnout ?? 0) * 100:0.#} %)")
        : $"{ValidBallotCount} ballots (open to every account: no roll)";
}

/// <summary>What an audit found: the blocks checked, every error (empty when the chain is valid), the elections.</summary>
public sealed record AuditReport(
    ulong CheckedBlocks, int TotalVotes, IReadOnlyList<string> Errors,
    IReadOnlyDictionary<ulong, AuditedElection> Elections, IReadOnlyList<long> BlockTimestampsMs)
{
    public bool ChainValid => Errors.Count == 0;
}
