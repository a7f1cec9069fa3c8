namespace EVoting.Api.Data;

public enum ElectionStatus { Draft, Open, Closed, Tallied }

/// <summary>Where an outbox row's transaction stands on chain.</summary>
public enum TxStatus { Pending, Included, Final, Rejected }

/// <summary>
/// The statuses as the database stores them and the API writes them: lowercase words. The constants
/// serve attributes ([AllowedValues] on the DTOs); <see cref="Text(ElectionStatus)"/> and
/// <see cref="TxStatusText.Text(TxStatus)"/> are the one mapping.
/// </summary>
public static class ElectionStatusText
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Tallied = "tallied";

    public static string Text(this ElectionStatus status) => status switch
    {
        ElectionStatus.Draft => Draft,
        ElectionStatus.Open => Open,
        ElectionStatus.Closed => Closed,
        ElectionStatus.Tallied => Tallied,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ElectionStatus Parse(string text) => text switch
    {
        Draft => ElectionStatus.Draft,
        Open => ElectionStatus.Open,
        Closed => ElectionStatus.Closed,
        Tallied => ElectionStatus.Tallied,
        _ => throw new FormatException($"'{text}' is not an election status"),
    };
}

public static class TxStatusText
{
    public const string Pending = "pending";
    public const string Included = "included";
    public const string Final = "final";
    public const string Rejected = "rejected";

    public static string Text(this TxStatus status) => status switch
    {
        TxStatus.Pending => Pending,
        TxStatus.Included => Included,
        TxStatus.Final => Final,
        TxStatus.Rejected => Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static TxStatus Parse(string text) => text switch
    {
        Pending => TxStatus.Pending,
        Included => TxStatus.Included,
        Final => TxStatus.Final,
        Rejected => TxStatus.Rejected,
        _ => throw new FormatException($"'{text}' is not a transaction status"),
    };
}
