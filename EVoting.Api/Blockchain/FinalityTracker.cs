using EVoting.Api.Data;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>Where a transaction stands on chain, as the API has checked it.</summary>
public sealed record TxPosition(TxStatus Status, ulong? BlockNumber, Block? Block, int TxIndex, string? ReportedBy);

/// <summary>
/// pending: no validator has a receipt; included: a validator reports the block but it does not
/// (yet) pass the API's finality check; final: the block's certificate and inclusion verified here.
/// </summary>
public sealed class FinalityTracker(ChainClient chain, ILogger<FinalityTracker> log)
{
    public async Task<TxPosition> LocateAsync(Hash32 txHash, CancellationToken ct)
    {
        var receipt = await chain.GetReceiptAsync(txHash, ct);
        if (receipt is null)
            return new TxPosition(TxStatus.Pending, null, null, -1, null);
        return await CheckAsync(txHash, receipt.BlockNumber, ct) is { } final
            ? final with { ReportedBy = receipt.Endpoint.ToString() }
            : new TxPosition(TxStatus.Included, receipt.BlockNumber, null, receipt.TransactionIndex, receipt.Endpoint.ToString());
    }

    /// <summary>The final position of the transaction in block <paramref name="number"/>, or null when that is not proven.</summary>
    public async Task<TxPosition?> CheckAsync(Hash32 txHash, ulong number, CancellationToken ct)
    {
        Block? block;
        try
        {
            // Only blocks that pass the finality check come back (and are cached): no second check per transaction.
            block = await chain.GetBlockAsync(number, ct);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException)
        {
            log.LogWarning("Block {Number} could not be read: {Message}", number, ex.Message);
            return null;
        }
        if (block is null)
            return null;
        var index = block.Transactions.ToList().FindIndex(t => t.Hash == txHash);
        return index < 0 ? null : new TxPosition(TxStatus.Final, number, block, index, null);
    }
}
