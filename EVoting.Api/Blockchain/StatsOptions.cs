using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Blockchain;

/// <summary>The /api/blockchain/stats audit, configuration section Stats (see ChainAudits.cs).</summary>
public sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>How long one request (or one background slice) may audit new blocks.</summary>
    [Range(10, 60_000, ErrorMessage = "Stats:RequestBudgetMs must be between {1} and {2}.")]
    public int RequestBudgetMs { get; set; } = 500;

    [Range(100, 600_000, ErrorMessage = "Stats:FollowIntervalMs must be between {1} and {2}.")]
    public int FollowIntervalMs { get; set; } = 5000;
}
