using System.Text;
using System.Text.Json;

namespace EVoting.Chain;

/// <summary>
/// The JSON form of a block used on the P2P wire (new_block, sync_response) and by tools: the seed's
/// names (index, prev_hash, timestamp, transactions, block_hash, validator, signature) plus
/// chain_id, timestamp_ms, transactions_root, round and the commit certificate. Parsing is strict;
/// the claimed block_hash is kept as given so validation can report a mismatch.
/// </summary>
public static class BlockJson
{
    private static readonly HashSet<string> Fields =
    [
        "chain_id", "index", "prev_hash", "timestamp", "timestamp_ms", "transactions_root", "validator",
        "round", "block_hash", "signature", "transactions", "commit",
    ];

    public static string Serialize(Block block)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
            Write(w, block);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Block block)
    {
        var h = block.Header;
        w.WriteStartObject();
        w.WriteNumber("chain_id", h.ChainId);
        w.WriteNumber("index", h.Index);
        w.WriteString("prev_hash", h.PrevHash.ToString());
        w.WriteNumber("timestamp", h.TimestampMs / 1000);
        w.WriteNumber("timestamp_ms", h.TimestampMs);
        w.WriteString("transactions_root", h.TransactionsRoot.ToString());
        w.WriteString("validator", h.Validator.ToString());
        w.WriteNumber("round", h.Round);
        w.WriteString("block_hash", block.Hash.ToString());
        if (!block.Signature.IsEmpty) w.WriteString("signature", block.Signature.ToString());
        w.WriteStartArray("transactions");
        foreach (var tx in block.Transactions) TransactionJson.Write(w, tx);
        w.WriteEndArray();
        if (block.Commit is { } c)
        {
            w.WriteStartObject("commit");
            w.WriteNumber("round", c.Round);
            w.WriteStartArray("precommits");
            foreach (var s in c.Precommits) w.WriteStringValue(s.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static Block Parse(string json)
    {
        using var doc = JsonFields.Parse(json);
        return Parse(doc.RootElement);
    }

    /// <summary>
    /// A block its holder validated before it stored it (a validator's own store): each transaction's sender is
    /// taken from its "from", written when the signature was recovered then, instead of recovering it again on
    /// every read (two scalar multiplications per transaction). Never for a block from the network.
    /// </summary>
    public static Block ParseStored(ReadOnlyMemory<byte> utf8Json)
    {
        using var doc = JsonFields.Parse(utf8Json);
        return Parse(doc.RootElement, TransactionJson.ParseStored, strictFields: true);
    }

    public static Block Parse(JsonElement element) => Parse(element, TransactionJson.Parse, strictFields: true);

    /// <summary>
    /// A block in another envelope that carries this form's fields among its own (the RPC's Ethereum
    /// shape, docs/validator.md): fields this form does not know are skipped instead of refused, and
    /// each transaction is read by <paramref name="readTransaction"/>. Read in place, without
    /// rewriting the block into this form first (a block is megabytes).
    /// </summary>
    public static Block ParseEnvelope(JsonElement element, Func<JsonElement, Transaction> readTransaction) =>
        Parse(element, readTransaction, strictFields: false);

    private static Block Parse(JsonElement element, Func<JsonElement, Transaction> readTransaction, bool strictFields)
    {
        var o = JsonFields.Object(element, "a block");
        if (strictFields) JsonFields.RejectUnknown(o, Fields, "a block");
        var txArray = JsonFields.Required(o, "transactions");
        if (txArray.ValueKind != JsonValueKind.Array) throw new FormatException("'transactions' must be an array");
        var txs = new List<Transaction>(txArray.GetArrayLength());
        var i = 0;
        foreach (var t in txArray.EnumerateArray())
        {
            try { txs.Add(readTransaction(t)); }
            catch (FormatException e) { throw new FormatException($"transaction {i}: {e.Message}", e); }
            i++;
        }
        var index = JsonFields.UInt64(o, "index");
        var header = new BlockHeader(
            JsonFields.UInt64(o, "chain_id"),
            index,
            JsonFields.Hash(o, "prev_hash"),
            JsonFields.Int64(o, "timestamp_ms"),
            JsonFields.Hash(o, "transactions_root"),
            JsonFields.Address(o, "validator"),
            JsonFields.Int32(o, "round", 0),
            txs.Count);
        // Block 0 has no proposer and so no signature (absent or null); every other block must carry one.
        var unsigned = index == 0 && (!o.TryGetProperty("signature", out var sig) || sig.ValueKind == JsonValueKind.Null);
        var signature = unsigned ? default : JsonFields.Signature(o, "signature");
        return new Block(header, txs, JsonFields.Hash(o, "block_hash"), signature, ParseCommit(o));
    }

    private static CommitCertificate? ParseCommit(JsonElement o)
    {
        if (!o.TryGetProperty("commit", out var c) || c.ValueKind == JsonValueKind.Null) return null;
        JsonFields.Object(c, "'commit'");
        JsonFields.RejectUnknown(c, new HashSet<string> { "round", "precommits" }, "a commit certificate");
        var list = JsonFields.Required(c, "precommits");
        if (list.ValueKind != JsonValueKind.Array) throw new FormatException("'precommits' must be an array");
        var sigs = new List<Signature>();
        foreach (var s in list.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.String || !Signature.TryParse(s.GetString(), out var sig))
                throw new FormatException("each precommit must be a 65-byte 0x signature");
            sigs.Add(sig);
        }
        return new CommitCertificate(JsonFields.Int32(c, "round", 0), sigs);
    }
}
