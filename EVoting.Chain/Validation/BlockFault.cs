namespace EVoting.Chain;

/// <summary>
/// One reason a block fails validation. A transaction's fault names its position and hash, so a
/// report can say which transaction is bad and keep the others.
/// </summary>
public sealed record BlockFault(string Reason, int? TxIndex = null, Hash32? TxHash = null)
{
    public override string ToString() =>
        TxIndex is { } i ? $"{ValidationErrors.BlockInvalidTransaction}: #{i} {TxHash}: {Reason}" : Reason;
}
