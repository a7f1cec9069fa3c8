using System.Text.Json;
using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>Strict readers for P2P message fields: a missing or mistyped field is a FormatException naming it.</summary>
internal static class JsonRead
{
    public static JsonElement Field(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v : throw new FormatException($"missing '{name}'");

    public static string String(JsonElement o, string name)
    {
        var v = Field(o, name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"'{name}' must be a string");
    }

    public static ulong UInt64(JsonElement o, string name)
    {
        var v = Field(o, name);
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var x) ? x : throw new FormatException($"'{name}' must be a non-negative integer");
    }

    public static int Int32(JsonElement o, string name, int min = int.MinValue)
    {
        var v = Field(o, name);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var x) && x >= min ? x : throw new FormatException($"'{name}' must be an integer >= {min}");
    }

    public static Hash32 Hash(JsonElement o, string name) =>
        Hash32.TryParse(String(o, name), out var h) ? h : throw new FormatException($"'{name}' must be a 32-byte 0x hash");

    public static Hash32? OptionalHash(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Hash(o, name) : null;

    public static Address Address(JsonElement o, string name) =>
        Chain.Address.TryParse(String(o, name), out var a) ? a : throw new FormatException($"'{name}' must be a 20-byte 0x address");

    public static Signature Signature(JsonElement o, string name) =>
        Chain.Signature.TryParse(String(o, name), out var s) ? s : throw new FormatException($"'{name}' must be a 65-byte 0x signature");

    public static byte[] Bytes(JsonElement o, string name, int length) =>
        Hex.TryDecode(String(o, name), out var b) && b.Length == length ? b : throw new FormatException($"'{name}' must be {length} bytes of 0x hex");

    public static JsonElement Array(JsonElement o, string name, int maxItems)
    {
        var v = Field(o, name);
        if (v.ValueKind != JsonValueKind.Array)
            throw new FormatException($"'{name}' must be an array");
        if (v.GetArrayLength() > maxItems)
            throw new FormatException($"'{name}' has more than {maxItems} items");
        return v;
    }

    public static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
