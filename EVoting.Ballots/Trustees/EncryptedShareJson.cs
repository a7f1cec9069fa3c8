using System.Text.Json;

namespace EVoting.Ballots.Trustees;

/// <summary>An encrypted share's JSON (docs/trustees.md "JSON forms"): {"from", "to", "r", "ciphertext"}, r the point R = r·G.</summary>
public static class EncryptedShareJson
{
    public static EncryptedShare Parse(string json) => TrusteeJsonReader.Read(json, element => Read(element, "share"));

    internal static EncryptedShare Read(JsonElement element, string where)
    {
        var fields = TrusteeJsonReader.Fields(element, where, "from", "to", "r", "ciphertext");
        var from = TrusteeJsonReader.Guardian(fields["from"], $"{where}.from");
        var to = TrusteeJsonReader.Guardian(fields["to"], $"{where}.to");
        var r = TrusteeJsonReader.Point(fields["r"], $"{where}.r");
        var ciphertext = fields["ciphertext"];
        if (ciphertext.ValueKind != JsonValueKind.String || !LowerHex.TryDecode(ciphertext.GetString(), out var bytes)
            || bytes.Length != EncryptedShare.CiphertextLength)
            throw new BallotFormatException(TrusteeErrors.BadShareCiphertext, $"{where}.ciphertext");
        return new EncryptedShare(from, to, r, bytes);
    }

    public static string Serialize(EncryptedShare share) => TrusteeJsonWriter.Write(writer => Write(writer, share));

    internal static void Write(Utf8JsonWriter writer, EncryptedShare share)
    {
        writer.WriteStartObject();
        writer.WriteNumber("from", share.From);
        writer.WriteNumber("to", share.To);
        TrusteeJsonWriter.Point(writer, "r", share.R);
        writer.WriteString("ciphertext", LowerHex.Encode(share.Ciphertext));
        writer.WriteEndObject();
    }
}
