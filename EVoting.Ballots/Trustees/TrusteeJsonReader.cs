using System.Text.Json;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The strict reading rules shared by the trustee JSON forms (docs/trustees.md "JSON forms"): exactly the named fields,
/// each once; guardian indices as JSON integers in 1..255; points and scalars as in ballots (<see cref="BallotJson"/>).
/// Every failure is a <see cref="BallotFormatException"/> whose reason is a <see cref="TrusteeErrors"/> or
/// <see cref="BallotErrors"/> constant.
/// </summary>
internal static class TrusteeJsonReader
{
    public static T Read<T>(string json, Func<JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw new BallotFormatException(TrusteeErrors.MalformedJson);
        }
        using (document)
            return read(document.RootElement);
    }

    /// <summary>An object with exactly these fields, each once.</summary>
    public static Dictionary<string, JsonElement> Fields(JsonElement element, string where, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new BallotFormatException(TrusteeErrors.MalformedJson, where);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal) || !fields.TryAdd(property.Name, property.Value))
                throw new BallotFormatException(TrusteeErrors.UnknownField, $"{where}.{property.Name}");
        }
        foreach (var name in names)
        {
            if (!fields.ContainsKey(name))
                throw new BallotFormatException(TrusteeErrors.MissingField, $"{where}.{name}");
        }
        return fields;
    }

    /// <summary>A JSON array of at most <paramref name="max"/> entries (longer: <paramref name="tooLong"/>).</summary>
    public static JsonElement[] Array(JsonElement element, string where, int max, string tooLong)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw new BallotFormatException(TrusteeErrors.MalformedJson, where);
        if (element.GetArrayLength() > max)
            throw new BallotFormatException(tooLong, where);
        return [.. element.EnumerateArray()];
    }

    public static int Guardian(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var index) && index >= 1 && index <= CeremonyParameters.MaxGuardians
            ? index
            : throw new BallotFormatException(TrusteeErrors.BadGuardianIndex, where);

    public static ulong ElectionId(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out var id)
            ? id
            : throw new BallotFormatException(BallotErrors.BadElectionId, where);

    /// <summary>A JSON integer that is not a guardian index (g, q, a selection); else <paramref name="reason"/>.</summary>
    public static int Integer(JsonElement element, string where, string reason) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw new BallotFormatException(reason, where);

    public static ECPoint Point(JsonElement element, string where) => BallotJson.ParsePoint(element, where);

    /// <summary>Tally encoding: "00" is the point at infinity (an aggregate of no ballots), otherwise strict.</summary>
    public static ECPoint TallyPoint(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String && element.GetString() == "00" ? P256.Infinity : BallotJson.ParsePoint(element, where);

    public static BigInteger Scalar(JsonElement element, string where) => BallotJson.ParseScalar(element, where);
}
