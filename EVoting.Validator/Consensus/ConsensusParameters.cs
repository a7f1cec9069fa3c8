namespace EVoting.Validator.Consensus;

/// <summary>
/// Fixed parameters of one network, all from genesis: validator count, round timeout, block period,
/// and how long the head may age without a block (empty blocks are skipped until then).
/// </summary>
public sealed record ConsensusParameters(
    int ValidatorCount,
    long RoundTimeoutMs,
    long BlockPeriodMs,
    long MaxEmptyIntervalMs)
{
    /// <summary>Timeouts grow by this fraction of the base per round...</summary>
    public const int TimeoutGrowthPercent = 50;

    /// <summary>...up to this multiple of the base, so a long outage does not make rounds absurdly long.</summary>
    public const int TimeoutCapMultiple = 8;

    /// <summary>
    /// The highest round a message may name; anything above is refused unread. Far beyond any real run (each round
    /// lasts at least the base timeout), and low enough that round + 1 and every sum of a round with a small constant
    /// stay within int.
    /// </summary>
    public const int MaxRound = int.MaxValue / 2;

    /// <summary>Rounds below the current one whose messages are kept (a late quorum of precommits there still decides).</summary>
    public const int RoundsKeptBehind = 2;

    /// <summary>Rounds above the current one whose messages are all kept; beyond them only each validator's highest round.</summary>
    public const int RoundsKeptAhead = 2;

    /// <summary>q = ceil(2n/3).</summary>
    public int Quorum => (2 * ValidatorCount + 2) / 3;

    /// <summary>
    /// Byzantine validators tolerated for safety: two quorums overlap in 2q - n validators, and
    /// that overlap must contain a correct one, so f = 2q - n - 1 (0 for n = 3, 1 for n = 4).
    /// </summary>
    public int FaultTolerance => 2 * Quorum - ValidatorCount - 1;

    /// <summary>
    /// f + 1 = 2q - n: messages of a higher round from that many other validators include one from a
    /// correct validator, so a node jumps to that round (Tendermint's f+1 rule). 1 for n = 3, 2 for n = 4.
    /// </summary>
    public int RoundSkipThreshold => FaultTolerance + 1;

    /// <summary>timeout(r) = base + r * base * 50%, capped at 8 * base.</summary>
    public long TimeoutMs(int round)
    {
        var grown = RoundTimeoutMs + (long)round * RoundTimeoutMs * TimeoutGrowthPercent / 100;
        return Math.Min(grown, RoundTimeoutMs * TimeoutCapMultiple);
    }

    /// <summary>Own messages of the current round are re-sent this often, so loss delays but never stalls.</summary>
    public long RebroadcastIntervalMs => Math.Max(1, RoundTimeoutMs / 2);

    /// <summary>Proposer of (height, round): validators[(h + r) mod n].</summary>
    public int ProposerIndex(ulong height, int round) =>
        (int)((height + (ulong)round) % (ulong)ValidatorCount);
}
