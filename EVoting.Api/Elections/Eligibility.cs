namespace EVoting.Api.Elections;

/// <summary>
/// Who may vote in an election (docs/voter-roll.md): <see cref="Roll"/>, the accounts enrolled with a
/// code from the election's roll; <see cref="Open"/>, any account (the demo mode: anyone can
/// register and vote).
/// </summary>
public static class Eligibility
{
    public const string Roll = "roll";
    public const string Open = "open";

    public static bool IsKnown(string? value) => value is Roll or Open;
}
