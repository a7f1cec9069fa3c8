using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Roll;

/// <summary>Voter roll settings, configuration section Roll (environment Roll__&lt;name&gt;); docs/api.md "Configuration".</summary>
public sealed class RollOptions
{
    public const string Section = "Roll";

    [Range(1, 366, ErrorMessage = "Roll:CodeLifetimeDays must be between {1} and {2}.")]
    public int CodeLifetimeDays { get; set; } = 30;

    public TimeSpan CodeLifetime => TimeSpan.FromDays(CodeLifetimeDays);
}
