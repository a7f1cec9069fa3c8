using System.Text;
using System.Text.Json;

namespace EVoting.Chain;

/// <summary>
/// The JSON form of a transaction: what eth_sendTransaction carries (data = 0x + hex of these UTF-8
/// bytes) and what RPC returns. Parsing is strict; the hash is always recomputed from the fields,
/// never trusted from the input.
/// </summary>
public static class TransactionJson
{
    private static readonly HashSet<string> CommonFields = ["type", "chain_id", "election_id", "timestamp", "signature", "hash", "from"];
    private static readonly HashSet<string> VoteFields = [.. CommonFields, "voter_id", "encrypted_vote", "ballot_hash", "proof"];
    private static readonly HashSet<string> OpenFields = [.. CommonFields, "public_key", "candidates", "max_selections", "title", "candidate_names", "ceremony", "roll_size"];
    private static readonly HashSet<string> TallyFields = [.. CommonFields, "total_ballots", "results"];

    public static string Serialize(Transaction tx)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
            Write(w, tx);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Transaction tx)
    {
        w.WriteStartObject();
        w.WriteString("type", tx.Kind.ToWire());
        w.WriteNumber("chain_id", tx.ChainId);
        w.WriteNumber("election_id", tx.ElectionId);
        w.WriteNumber("timestamp", tx.Timestamp);
        switch (tx.Kind)
        {
            case TxKind.Vote:
                w.WriteString("voter_id", tx.Nullifier);
                Hex.WriteJson(w, "encrypted_vote", tx.EncryptedVote);
                w.WriteString("ballot_hash", tx.BallotHash.ToString());
                Hex.WriteJson(w, "proof", tx.Proof);
                break;
            case TxKind.ElectionOpen:
                Hex.WriteJson(w, "public_key", tx.PublicKey);
                w.WriteNumber("candidates", tx.Candidates);
                w.WriteNumber("max_selections", tx.MaxSelections);
                if (tx.HasElectionRecord)
                {
                    w.WriteString("title", tx.Title);
                    w.WriteStartArray("candidate_names");
                    foreach (var name in tx.CandidateNames)
                        w.WriteStringValue(name);
                    w.WriteEndArray();
                    w.WritePropertyName("ceremony");
                    w.WriteRawValue(tx.Ceremony);
                }
                if (tx.RollSize is { } rollSize)
                    w.WriteNumber("roll_size", rollSize);
                break;
            case TxKind.ElectionTally:
                w.WriteNumber("total_ballots", tx.TotalBallots);
                w.WritePropertyName("results");
                w.WriteRawValue(tx.Results);
                break;
        }
        if (!tx.Signature.IsEmpty) w.WriteString("signature", tx.Signature.ToString());
        w.WriteString("hash", tx.Hash.ToString());
        if (tx.Sender is { } from) w.WriteString("from", from.ToString());
        w.WriteEndObject();
    }

    /// <summary>
    /// A nested record as the hash covers it: written compactly again, so whitespace in the input does not change the
    /// hash; the sender signs the same compact form (its writer makes it).
    /// </summary>
    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static IReadOnlyList<string> Strings(JsonElement obj, string name, int max)
    {
        var v = JsonFields.Required(obj, name);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > max)
            throw new FormatException($"'{name}' must be an array of at most {max} strings");
        return v.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"'{name}' must hold strings"))
            .ToArray();
    }

    public static Transaction Parse(string json)
    {
        using var doc = JsonFields.Parse(json);
        return Parse(doc.RootElement);
    }

    /// <summary>
    /// Decodes eth_sendTransaction's data field (and a block's `input` over RPC): 0x + hex of the
    /// UTF-8 JSON, parsed from the bytes as they are.
    /// </summary>
    public static Transaction ParseData(string dataHex)
    {
        if (!dataHex.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(dataHex, out var bytes))
            throw new FormatException("data must be 0x-prefixed hex of the transaction JSON");
        // The JSON reader checks UTF-8 only where it decodes a string; checked whole here, a bad byte
        // anywhere is this clear error, never a failure later.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new FormatException("data is not UTF-8");
        using var doc = JsonFields.Parse(bytes);
        return Parse(doc.RootElement);
    }

    public static string ToData(Transaction tx) => Hex.Encode(Encoding.UTF8.GetBytes(Serialize(tx)));

    /// <summary>A transaction from a block its holder validated and stored (<see cref="BlockJson.ParseStored"/>): its "from" is the sender.</summary>
    internal static Transaction ParseStored(JsonElement element)
    {
        var tx = Parse(element);
        if (element.TryGetProperty("from", out _))
            tx.KnowSender(JsonFields.Address(element, "from"));
        return tx;
    }

    public static Transaction Parse(JsonElement element)
    {
        var o = JsonFields.Object(element, "a transaction");
        var kind = TxKindNames.FromWire(JsonFields.String(o, "type"))
            ?? throw new FormatException("'type' must be vote, election_open, election_close or election_tally");
        var tx = new Transaction
        {
            Kind = kind,
            ChainId = JsonFields.UInt64(o, "chain_id"),
            ElectionId = JsonFields.UInt64(o, "election_id"),
            Timestamp = JsonFields.Int64(o, "timestamp"),
            Signature = JsonFields.Signature(o, "signature"),
        };
        switch (kind)
        {
            case TxKind.Vote:
                JsonFields.RejectUnknown(o, VoteFields, "a vote transaction");
                tx = tx with
                {
                    Nullifier = JsonFields.String(o, "voter_id"),
                    EncryptedVote = JsonFields.HexBytes(o, "encrypted_vote"),
                    BallotHash = JsonFields.Hash(o, "ballot_hash"),
                    Proof = JsonFields.HexBytes(o, "proof"),
                };
                break;
            case TxKind.ElectionOpen:
                JsonFields.RejectUnknown(o, OpenFields, "an election_open transaction");
                tx = tx with
                {
                    PublicKey = JsonFields.HexBytes(o, "public_key"),
                    Candidates = JsonFields.Int32(o, "candidates", 1, ElectionLimits.MaxCandidates),
                    MaxSelections = JsonFields.Int32(o, "max_selections", 1, ElectionLimits.MaxCandidates),
                    RollSize = o.TryGetProperty("roll_size", out _) ? JsonFields.UInt64(o, "roll_size") : null,
                };
                if (o.TryGetProperty("ceremony", out _) || o.TryGetProperty("title", out _) || o.TryGetProperty("candidate_names", out _))
                {
                    tx = tx with
                    {
                        Title = JsonFields.String(o, "title"),
                        CandidateNames = Strings(o, "candidate_names", ElectionLimits.MaxCandidates),
                        Ceremony = Compact(JsonFields.Object(JsonFields.Required(o, "ceremony"), "'ceremony'")),
                    };
                }
                break;
            case TxKind.ElectionTally:
                JsonFields.RejectUnknown(o, TallyFields, "an election_tally transaction");
                var results = JsonFields.Required(o, "results");
                tx = tx with
                {
                    TotalBallots = JsonFields.Int32(o, "total_ballots", 0),
                    Results = results.ValueKind == JsonValueKind.Array ? Compact(results) : throw new FormatException("'results' must be a JSON array"),
                };
                break;
            default:
                JsonFields.RejectUnknown(o, CommonFields, "an election_close transaction");
                break;
        }
        return tx;
    }
}
