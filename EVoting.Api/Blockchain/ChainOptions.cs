using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Blockchain;

/// <summary>Chain settings of configuration section Chain (environment Chain__&lt;name&gt;).</summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>How long opening an election waits for its election_open transaction to be final.</summary>
    [Range(1, 3600, ErrorMessage = "Chain:OpenTimeoutSeconds must be between {1} and {2}.")]
    public int OpenTimeoutSeconds { get; set; } = 30;

    public TimeSpan OpenTimeout => TimeSpan.FromSeconds(OpenTimeoutSeconds);
}
