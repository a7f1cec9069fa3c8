using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>Writes the trustee JSON forms compactly, in the field order of docs/trustees.md "JSON forms".</summary>
internal static class TrusteeJsonWriter
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Point(Utf8JsonWriter writer, string name, ECPoint point) => writer.WriteString(name, LowerHex.Encode(P256.Encode(point)));

    public static void TallyPoint(Utf8JsonWriter writer, string name, ECPoint point) => writer.WriteString(name, LowerHex.Encode(P256.EncodeTally(point)));

    public static void Scalar(Utf8JsonWriter writer, string name, BigInteger scalar) => writer.WriteString(name, LowerHex.Encode(P256.EncodeScalar(scalar)));
}
