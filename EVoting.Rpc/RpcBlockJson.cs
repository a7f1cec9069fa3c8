using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>
/// Turns an `eth_getBlockByNumber(n, true)` result into a chain <see cref="Block"/>. The RPC block
/// carries Ethereum's standard fields beside the chain's own; only the chain's fields are read, so
/// the strict transaction parser (and every hash and signature check after it) sees exactly what
/// the validator stored. Ethereum's `timestamp` (a hex quantity, seconds) is ignored: the header's
/// time is `timestamp_ms`. The block is read where it lies in the response, never rewritten into a
/// second document: a block is megabytes, and each copy of it is garbage on the large-object heap
/// (docs/benchmarks.md, "Memory").
/// </summary>
public static class RpcBlockJson
{
    private static readonly string[] TxFields =
        ["type", "chain_id", "election_id", "timestamp", "signature", "hash", "from", "voter_id", "encrypted_vote", "ballot_hash", "proof", "public_key", "candidates", "max_selections"];

    public static Block ToBlock(JsonElement rpcBlock)
    {
        if (rpcBlock.ValueKind != JsonValueKind.Object)
            throw new FormatException("the block is not a JSON object");
        return BlockJson.ParseEnvelope(rpcBlock, Transaction);
    }

    private static Transaction Transaction(JsonElement tx)
    {
        if (tx.ValueKind != JsonValueKind.Object)
            throw new FormatException("the block's transactions are hashes only; full transactions are needed");
        // Ethereum style: the transaction's own JSON travels hex-encoded in `input` (and `type` is
        // Ethereum's "0x0"). The input goes to the strict parser as it is: parsing the fields beside
        // it instead would recover every sender's address for its `from` (two scalar multiplications
        // per vote).
        if (tx.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String)
            return TransactionJson.ParseData(input.GetString()!);
        // Otherwise the chain's field names are on the object itself, among others: the chain's are kept.
        var kept = new JsonObject();
        foreach (var name in TxFields)
        {
            if (tx.TryGetProperty(name, out var value))
                kept[name] = JsonNode.Parse(value.GetRawText());
        }
        return TransactionJson.Parse(kept.ToJsonString());
    }
}
