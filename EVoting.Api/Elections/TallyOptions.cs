using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Elections;

/// <summary>The tally (TallyService.cs), configuration section Tally.</summary>
public sealed class TallyOptions
{
    public const string Section = "Tally";

    /// <summary>How long a tally request waits for the election_close transaction to be final; 0 answers at once.</summary>
    [Range(0, 3600, ErrorMessage = "Tally:CloseWaitSeconds must be between {1} and {2}.")]
    public int CloseWaitSeconds { get; set; } = 60;

    public TimeSpan CloseWait => TimeSpan.FromSeconds(CloseWaitSeconds);
}
