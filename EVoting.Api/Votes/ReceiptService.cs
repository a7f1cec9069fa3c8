using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Chain;

namespace EVoting.Api.Votes;

/// <summary>
/// A vote's receipt: where it stands (pending / included / final), its block and position, and a
/// Merkle inclusion proof computed here from the block's transaction hashes, so the voter can check
/// inclusion against the block's transactions_root with nothing but the receipt and the header.
/// The status is the outbox's: its sender follows every final block and updates the rows within a
/// pass, so a receipt read (which voters poll) costs no call to the validators until it is final,
/// and then one read of a cached, verified block.
/// </summary>
public sealed class ReceiptService(IVoteStore votes, IElectionStore elections, IChainGateway chain, ILogger<ReceiptService> log)
{
    public async Task<Outcome<ReceiptResponse>> GetAsync(string txHash, CancellationToken ct)
    {
        if (!Hash32.TryParse(txHash, out var hash))
            return new Failure.BadInput("tx_hash must be 0x followed by 64 hex digits.");
        var key = hash.ToString();
        var row = await votes.FindByTxHashAsync(key, ct);
        if (row is null)
            return new Failure.NotFound($"No vote with transaction {key} was submitted through this API.");

        Block? block = null;
        try
        {
            if (row.Status == TxStatus.Final && row.BlockNumber is { } n)
                block = await chain.GetFinalBlockAsync((ulong)n, ct);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException or HttpRequestException)
        {
            log.LogInformation("Receipt {Hash}: chain not reachable ({Message}); answering from the outbox", key, ex.Message);
        }

        IReadOnlyList<string> proof = [];
        if (block is not null && row.TxIndex is { } index && index < block.Transactions.Count)
            proof = block.InclusionProof(index).Select(h => h.ToString()).ToArray();
        return new ReceiptResponse(
            row.TxHash, row.BallotHash, row.ElectionId, row.Status.Text(), row.BlockNumber, row.BlockHash ?? block?.Hash.ToString(),
            row.TxIndex, proof, block?.Header.TransactionsRoot.ToString(), block?.Header.Validator.ToString(), row.FinalizedAt,
            row.SubmittedAt);
    }

    /// <summary>Whether the voter has a vote in the election, and where it stands.</summary>
    public async Task<Outcome<VoteStatusResponse>> StatusAsync(int? voterId, int? electionId, CancellationToken ct)
    {
        if (electionId is null)
            return new FieldErrors().Add("election_id", "is required").ToFailure();
        if (!await elections.ExistsAsync(electionId.Value, ct))
            return new Failure.NotFound($"Election {electionId} does not exist.");
        var row = voterId is { } id ? await votes.FindAsync(id, electionId.Value, ct) : null;
        return new VoteStatusResponse(row is not null, row?.TxHash, row?.Status.Text());
    }
}
