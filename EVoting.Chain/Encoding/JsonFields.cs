using System.Text.Json;

namespace EVoting.Chain;

/// <summary>Strict readers for JSON object fields: each failure names the field and what was wrong.</summary>
internal static class JsonFields
{
    public static JsonElement Required(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new FormatException($"missing field '{name}'");

    public static string String(JsonElement obj, string name)
    {
        var v = Required(obj, name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"'{name}' must be a string");
    }

    public static ulong UInt64(JsonElement obj, string name)
    {
        var v = Required(obj, name);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var n)) return n;
        throw new FormatException($"'{name}' must be a non-negative integer");
    }

    public static long Int64(JsonElement obj, string name)
    {
        var v = Required(obj, name);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        throw new FormatException($"'{name}' must be an integer");
    }

    public static int Int32(JsonElement obj, string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var v = Required(obj, name);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min && n <= max) return n;
        throw new FormatException($"'{name}' must be an integer in [{min}, {max}]");
    }

    public static byte[] HexBytes(JsonElement obj, string name)
    {
        var s = String(obj, name);
        if (!s.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(s, out var bytes))
            throw new FormatException($"'{name}' must be 0x-prefixed hex");
        return bytes;
    }

    public static Hash32 Hash(JsonElement obj, string name) =>
        Hash32.TryParse(String(obj, name), out var h) ? h : throw new FormatException($"'{name}' must be a 32-byte 0x hash");

    public static Address Address(JsonElement obj, string name) =>
        Chain.Address.TryParse(String(obj, name), out var a) ? a : throw new FormatException($"'{name}' must be a 20-byte 0x address");

    public static Signature Signature(JsonElement obj, string name) =>
        Chain.Signature.TryParse(String(obj, name), out var s) ? s : throw new FormatException($"'{name}' must be a 65-byte 0x signature");

    public static void RejectUnknown(JsonElement obj, IReadOnlySet<string> allowed, string what)
    {
        foreach (var p in obj.EnumerateObject())
            if (!allowed.Contains(p.Name))
                throw new FormatException($"unknown field '{p.Name}' in {what}");
    }

    public static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new FormatException($"{what} must be a JSON object");

    /// <summary>Parses a whole document with a depth bound; malformed JSON becomes a FormatException.</summary>
    public static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException("malformed JSON: " + e.Message, e);
        }
    }

    /// <summary>UTF-8 JSON parsed where it lies (the document reads from <paramref name="utf8"/> until disposed).</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException("malformed JSON: " + e.Message, e);
        }
    }

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };
}
