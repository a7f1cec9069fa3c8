namespace EVoting.Chain;

/// <summary>
/// What a transaction does. Elections are opened and closed on chain so that validators know each
/// election's key and shape (to check ballot proofs) and so the tally's boundary is on chain.
/// </summary>
public enum TxKind : byte
{
    Vote = 1,
    ElectionOpen = 2,
    ElectionClose = 3,
    /// <summary>The published threshold tally of a closed election (docs/trustees.md "Decryption of a tally").</summary>
    ElectionTally = 4,
}

public static class TxKindNames
{
    public static string ToWire(this TxKind kind) => kind switch
    {
        TxKind.Vote => "vote",
        TxKind.ElectionOpen => "election_open",
        TxKind.ElectionClose => "election_close",
        TxKind.ElectionTally => "election_tally",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TxKind? FromWire(string? name) => name switch
    {
        "vote" => TxKind.Vote,
        "election_open" => TxKind.ElectionOpen,
        "election_close" => TxKind.ElectionClose,
        "election_tally" => TxKind.ElectionTally,
        _ => null,
    };
}
