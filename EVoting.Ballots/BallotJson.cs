using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Math;

namespace EVoting.Ballots;

/// <summary>
/// The ballot JSON of docs/ballot-crypto.md#ballot-json, parsed strictly: exactly the named fields (no unknown or
/// duplicate ones), lowercase hex, 33-byte compressed points, 32-byte scalars below n. Counts are
/// checked against the election by <see cref="BallotVerifier"/>, which knows k and L.
/// </summary>
public static class BallotJson
{
    private const int MaxEntries = Election.MaxCandidates + 1;

    public static Ballot Parse(string json) => Parse(json, null);

    /// <summary>
    /// For a body that names the election outside the ballot (the API's {election_id, ballot:{…}}, docs/api.md#votes):
    /// election_id inside the ballot may be omitted (then <paramref name="electionId"/> is used) or
    /// must be present as usual; a mismatch is caught by the verifier as <see cref="BallotErrors.WrongElection"/>.
    /// </summary>
    public static Ballot Parse(string json, ulong? electionId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            throw new BallotFormatException(BallotErrors.MalformedJson);
        }
        using (document)
        {
            var optionalId = electionId is not null && document.RootElement.ValueKind == JsonValueKind.Object
                && !document.RootElement.TryGetProperty("election_id", out _);
            var root = optionalId
                ? Fields(document.RootElement, "ballot", "ciphertexts", "proofs", "sum_proof")
                : Fields(document.RootElement, "ballot", "election_id", "ciphertexts", "proofs", "sum_proof");
            ulong id = electionId ?? 0;
            if (!optionalId && (root["election_id"].ValueKind != JsonValueKind.Number || !root["election_id"].TryGetUInt64(out id)))
                throw new BallotFormatException(BallotErrors.BadElectionId, "election_id");
            var ciphertexts = Array(root["ciphertexts"], "ciphertexts")
                .Select((e, i) => ParseCiphertext(e, $"ciphertexts[{i}]"))
                .ToArray();
            var proofs = Array(root["proofs"], "proofs")
                .Select((e, i) => ParseProof(e, $"proofs[{i}]"))
                .ToArray();
            var sum = ParseProof(root["sum_proof"], "sum_proof");
            return new Ballot(id, ciphertexts, proofs, sum);
        }
    }

    /// <summary>Parses; on failure gives the <see cref="BallotErrors"/> reason (without the location).</summary>
    public static bool TryParse(string json, out Ballot? ballot, out string? reason)
    {
        try
        {
            ballot = Parse(json);
            reason = null;
            return true;
        }
        catch (BallotFormatException e)
        {
            ballot = null;
            reason = e.Reason;
            return false;
        }
    }

    public static string Serialize(Ballot ballot)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("election_id", ballot.ElectionId);
            writer.WriteStartArray("ciphertexts");
            foreach (var ct in ballot.Ciphertexts)
            {
                writer.WriteStartObject();
                writer.WriteString("alpha", LowerHex.Encode(ct.AlphaBytes));
                writer.WriteString("beta", LowerHex.Encode(ct.BetaBytes));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("proofs");
            foreach (var proof in ballot.Proofs)
                WriteProof(writer, proof);
            writer.WriteEndArray();
            writer.WritePropertyName("sum_proof");
            WriteProof(writer, ballot.SumProof);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteProof(Utf8JsonWriter writer, RangeProof proof)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("c");
        foreach (var c in proof.C)
            writer.WriteStringValue(LowerHex.Encode(P256.EncodeScalar(c)));
        writer.WriteEndArray();
        writer.WriteStartArray("v");
        foreach (var v in proof.V)
            writer.WriteStringValue(LowerHex.Encode(P256.EncodeScalar(v)));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Ciphertext ParseCiphertext(JsonElement element, string where)
    {
        var fields = Fields(element, where, "alpha", "beta");
        return new Ciphertext(ParsePoint(fields["alpha"], $"{where}.alpha"), ParsePoint(fields["beta"], $"{where}.beta"));
    }

    private static RangeProof ParseProof(JsonElement element, string where)
    {
        var fields = Fields(element, where, "c", "v");
        var c = Array(fields["c"], $"{where}.c").Select((e, j) => ParseScalar(e, $"{where}.c[{j}]")).ToArray();
        var v = Array(fields["v"], $"{where}.v").Select((e, j) => ParseScalar(e, $"{where}.v[{j}]")).ToArray();
        if (c.Length != v.Length || c.Length < 2)
            throw new BallotFormatException(BallotErrors.WrongProofLength, where);
        return new RangeProof(c, v);
    }

    internal static Org.BouncyCastle.Math.EC.ECPoint ParsePoint(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.String || !LowerHex.TryDecode(element.GetString(), out var bytes))
            throw new BallotFormatException(BallotErrors.PointNotHex, where);
        return P256.DecodePoint(bytes, where);
    }

    internal static BigInteger ParseScalar(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.String || !LowerHex.TryDecode(element.GetString(), out var bytes))
            throw new BallotFormatException(BallotErrors.ScalarNotHex, where);
        return P256.DecodeScalar(bytes, where);
    }

    /// <summary>An object with exactly these fields, each once.</summary>
    internal static Dictionary<string, JsonElement> Fields(JsonElement element, string where, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new BallotFormatException(BallotErrors.MalformedJson, where);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal) || !fields.TryAdd(property.Name, property.Value))
                throw new BallotFormatException(BallotErrors.UnknownField, $"{where}.{property.Name}");
        }
        foreach (var name in names)
        {
            if (!fields.ContainsKey(name))
                throw new BallotFormatException(BallotErrors.MissingField, $"{where}.{name}");
        }
        return fields;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw new BallotFormatException(BallotErrors.MalformedJson, where);
        if (element.GetArrayLength() > MaxEntries)
            throw new BallotFormatException(BallotErrors.WrongCandidateCount, where);
        return element.EnumerateArray();
    }
}
