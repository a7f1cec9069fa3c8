namespace EVoting.Api.Roll;

/// <summary>The bounds of a roll upload (docs/voter-roll.md "Uploading a roll").</summary>
public static class RollLimits
{
    public const int MaxEntries = 1_000_000;

    /// <summary>An identifier is an e-mail address or a registry number: 254 characters, as an e-mail address.</summary>
    public const int MaxIdentifierLength = 254;

    /// <summary>A line longer than this (in bytes, before trimming) is refused without reading further.</summary>
    public const int MaxLineBytes = 1024;

    /// <summary>The largest body the upload reads: every line at its longest.</summary>
    public const long MaxBodyBytes = (long)MaxEntries * MaxLineBytes;

    /// <summary>Rows per INSERT while uploading and per UPDATE while issuing codes.</summary>
    public const int BatchSize = 1000;
}
