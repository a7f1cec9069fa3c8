using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>
/// Turns an `eth_getBlockByNumber(n, true)` result into a chain <see cref="Block"/>. The RPC block
/// carries Ethereum's standard fields beside the chain's own; only the chain's fields are kept, so
/// the strict <see cref="BlockJson"/> parser (and every hash and signature check after it) sees
/// exactly what the validator stored. Ethereum's `timestamp` (a hex quantity, seconds) is dropped:
/// the header's time is `timestamp_ms`.
/// </summary>
public static class RpcBlockJson
{
    private static readonly string[] BlockFields =
        ["chain_id", "index", "prev_hash", "timestamp_ms", "transactions_root", "validator", "round", "block_hash", "signature", "transactions", "commit"];

    private static readonly string[] TxFields =
        ["type", "chain_id", "election_id", "timestamp", "signature", "hash", "from", "voter_id", "encrypted_vote", "ballot_hash", "proof", "public_key", "candidates", "max_selections"];

    public static Block ToBlock(JsonElement rpcBlock)
    {
        if (rpcBlock.ValueKind != JsonValueKind.Object)
            throw new FormatException("the block is not a JSON object");
        var block = new JsonObject();
        foreach (var name in BlockFields)
        {
            // Absent and null are the same here (the genesis block has no signature).
            if (!rpcBlock.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                continue;
            block[name] = name == "transactions" ? Transactions(value) : JsonNode.Parse(value.GetRawText());
        }
        return BlockJson.Parse(block.ToJsonString());
    }

    private static JsonArray Transactions(JsonElement txs)
    {
        if (txs.ValueKind != JsonValueKind.Array)
            throw new FormatException("'transactions' must be an array");
        var list = new JsonArray();
        foreach (var tx in txs.EnumerateArray())
        {
            if (tx.ValueKind != JsonValueKind.Object)
                throw new FormatException("the block's transactions are hashes only; full transactions are needed");
            // Ethereum style: the transaction's own JSON travels hex-encoded in `input` (and `type`
            // is Ethereum's "0x0"); otherwise the chain's field names are on the object itself.
            // The input's JSON goes to the strict parser as it is: parsing and writing it back here
            // would recover every sender's address for its `from` (two scalar multiplications per vote).
            if (tx.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String)
            {
                try { list.Add(JsonNode.Parse(TransactionJson.DataToJson(input.GetString()!))); }
                catch (JsonException e) { throw new FormatException($"a transaction's input is not JSON: {e.Message}", e); }
                continue;
            }
            var kept = new JsonObject();
            foreach (var name in TxFields)
            {
                if (tx.TryGetProperty(name, out var value))
                    kept[name] = JsonNode.Parse(value.GetRawText());
            }
            list.Add(kept);
        }
        return list;
    }
}
