using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Votes;

/// <summary>The outbox sender (OutboxSender.cs), configuration section Outbox.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Pause between passes when the last one moved nothing.</summary>
    [Range(10, 60_000, ErrorMessage = "Outbox:IntervalMs must be between {1} and {2}.")]
    public int IntervalMs { get; set; } = 500;

    /// <summary>A pending row is looked up (and resent) this long after its latest send.</summary>
    [Range(100, 600_000, ErrorMessage = "Outbox:ResendAfterMs must be between {1} and {2}.")]
    public int ResendAfterMs { get; set; } = 3000;

    /// <summary>Most rows due for a look read per pass.</summary>
    [Range(1, 100_000, ErrorMessage = "Outbox:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 500;
}
