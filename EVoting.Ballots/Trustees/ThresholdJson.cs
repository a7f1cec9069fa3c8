using System.Text.Json;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// Partial decryptions {"guardian", "m", "c", "v"} and per-candidate threshold results {"a", "b", "shares", "set", "count"}
/// (docs/trustees.md "JSON forms"); a, b and m in the tally encoding ("00" is the point at infinity).
/// </summary>
public static class ThresholdJson
{
    public static PartialDecryption ParsePartialDecryption(string json) => TrusteeJsonReader.Read(json, e => ReadPartialDecryption(e, "partial decryption"));

    public static ThresholdCandidateResult ParseResult(string json) => TrusteeJsonReader.Read(json, e => ReadResult(e, "result"));

    /// <summary>A JSON array with one result per candidate, in candidate order.</summary>
    public static IReadOnlyList<ThresholdCandidateResult> ParseResults(string json) => TrusteeJsonReader.Read(json, ReadResults);

    internal static IReadOnlyList<ThresholdCandidateResult> ReadResults(JsonElement element) =>
        TrusteeJsonReader.Array(element, "results", Election.MaxCandidates, BallotErrors.WrongCandidateCount)
            .Select((r, i) => ReadResult(r, $"results[{i}]"))
            .ToArray();

    internal static PartialDecryption ReadPartialDecryption(JsonElement element, string where)
    {
        var fields = TrusteeJsonReader.Fields(element, where, "guardian", "m", "c", "v");
        return new PartialDecryption(
            TrusteeJsonReader.Guardian(fields["guardian"], $"{where}.guardian"),
            TrusteeJsonReader.TallyPoint(fields["m"], $"{where}.m"),
            TrusteeJsonReader.Scalar(fields["c"], $"{where}.c"),
            TrusteeJsonReader.Scalar(fields["v"], $"{where}.v"));
    }

    internal static ThresholdCandidateResult ReadResult(JsonElement element, string where)
    {
        var fields = TrusteeJsonReader.Fields(element, where, "a", "b", "shares", "set", "count");
        var a = TrusteeJsonReader.TallyPoint(fields["a"], $"{where}.a");
        var b = TrusteeJsonReader.TallyPoint(fields["b"], $"{where}.b");
        var shares = TrusteeJsonReader.Array(fields["shares"], $"{where}.shares", CeremonyParameters.MaxGuardians, TrusteeErrors.MalformedJson)
            .Select((s, j) => ReadPartialDecryption(s, $"{where}.shares[{j}]"))
            .ToArray();
        var set = TrusteeJsonReader.Array(fields["set"], $"{where}.set", CeremonyParameters.MaxGuardians, TrusteeErrors.MalformedJson)
            .Select((g, j) => TrusteeJsonReader.Guardian(g, $"{where}.set[{j}]"))
            .ToArray();
        var count = fields["count"];
        if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out var t) || t < 0)
            throw new BallotFormatException(TrusteeErrors.BadCount, $"{where}.count");
        return new ThresholdCandidateResult(a, b, shares, set, t);
    }

    public static string Serialize(PartialDecryption share) => TrusteeJsonWriter.Write(writer => Write(writer, share));

    public static string Serialize(ThresholdCandidateResult result) => TrusteeJsonWriter.Write(writer => Write(writer, result));

    public static string Serialize(IReadOnlyList<ThresholdCandidateResult> results) => TrusteeJsonWriter.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var result in results)
            Write(writer, result);
        writer.WriteEndArray();
    });

    internal static void Write(Utf8JsonWriter writer, PartialDecryption share)
    {
        writer.WriteStartObject();
        writer.WriteNumber("guardian", share.Guardian);
        TrusteeJsonWriter.TallyPoint(writer, "m", share.M);
        TrusteeJsonWriter.Scalar(writer, "c", share.C);
        TrusteeJsonWriter.Scalar(writer, "v", share.V);
        writer.WriteEndObject();
    }

    internal static void Write(Utf8JsonWriter writer, ThresholdCandidateResult result)
    {
        writer.WriteStartObject();
        TrusteeJsonWriter.TallyPoint(writer, "a", result.A);
        TrusteeJsonWriter.TallyPoint(writer, "b", result.B);
        writer.WriteStartArray("shares");
        foreach (var share in result.Shares)
            Write(writer, share);
        writer.WriteEndArray();
        writer.WriteStartArray("set");
        foreach (var guardian in result.Set)
            writer.WriteNumberValue(guardian);
        writer.WriteEndArray();
        writer.WriteNumber("count", result.Count);
        writer.WriteEndObject();
    }
}
