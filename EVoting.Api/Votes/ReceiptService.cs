using EVoting.Api.Apis;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Votes;

/// <summary>
/// A vote's receipt: where it stands (pending / included / final), its block and position, and a
/// Merkle inclusion proof computed here from the block's transaction hashes, so the voter can check
/// inclusion against the block's transactions_root with nothing but the receipt and the header.
/// </summary>
public sealed class ReceiptService(EVotingDbContext db, FinalityTracker finality, ChainClient chain, TimeProvider clock, ILogger<ReceiptService> log)
{
    public async Task<Results<Ok<ReceiptResponse>, ProblemHttpResult>> GetAsync(string txHash, CancellationToken ct)
    {
        if (!Hash32.TryParse(txHash, out var hash))
            return Problems.BadRequest("tx_hash must be 0x followed by 64 hex digits.");
        var key = hash.ToString();
        var row = await db.VoteTransactions.SingleOrDefaultAsync(v => v.TxHash == key, ct);
        if (row is null)
            return Problems.NotFound($"No vote with transaction {key} was submitted through this API.");

        Block? block = null;
        try
        {
            if (row.Status is TxStatus.Pending or TxStatus.Included)
                block = await AdvanceAsync(row, hash, ct);
            else if (row.Status == TxStatus.Final && row.BlockNumber is { } n)
                block = await chain.GetBlockAsync((ulong)n, ct);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException or HttpRequestException)
        {
            log.LogInformation("Receipt {Hash}: chain not reachable ({Message}); answering from the outbox", key, ex.Message);
        }

        IReadOnlyList<string> proof = [];
        if (block is not null && row.TxIndex is { } index && index < block.Transactions.Count)
            proof = MerkleTree.Proof(block.TransactionHashes(), index).Select(h => h.ToString()).ToArray();
        return TypedResults.Ok(new ReceiptResponse(
            row.TxHash, row.BallotHash, row.ElectionId, row.Status, row.BlockNumber, row.BlockHash ?? block?.Hash.ToString(),
            row.TxIndex, proof, block?.Header.TransactionsRoot.ToString(), block?.Header.Validator.ToString(), row.FinalizedAt,
            row.SubmittedAt));
    }

    /// <summary>Moves a not-yet-final row forward when the chain has progressed (the outbox sender does the same).</summary>
    private async Task<Block?> AdvanceAsync(VoteTransaction row, Hash32 hash, CancellationToken ct)
    {
        var position = row.BlockNumber is { } n
            ? await finality.CheckAsync(hash, (ulong)n, ct) ?? await finality.LocateAsync(hash, ct)
            : await finality.LocateAsync(hash, ct);
        if (position.Status == TxStatus.Pending)
            return null;
        row.Status = position.Status;
        row.BlockNumber = (long?)position.BlockNumber;
        if (position.TxIndex >= 0)
            row.TxIndex = position.TxIndex;
        if (position.Block is { } block)
        {
            row.BlockHash = block.Hash.ToString();
            row.FinalizedAt ??= clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
        return position.Block;
    }
}
