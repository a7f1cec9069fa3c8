using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Challenges;

/// <summary>The bounds of the spoiled ballot list (docs/api.md#spoiled-ballots), section "Spoiled".</summary>
public sealed class SpoiledBallotOptions
{
    public const string Section = "Spoiled";

    /// <summary>Most spoiled ballots one election keeps; later posts get 409.</summary>
    [Range(1, 1_000_000)]
    public int MaxPerElection { get; set; } = 10_000;

    /// <summary>Posts one voter may make per <see cref="WindowSeconds"/> (ASP.NET Core's fixed-window rate limiter).</summary>
    [Range(1, 1000)]
    public int PermitsPerVoter { get; set; } = 10;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 600;
}
