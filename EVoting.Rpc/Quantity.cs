using System.Globalization;
using System.Text.Json;
using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>Ethereum JSON-RPC value forms: quantities are 0x hex without leading zeros ("0x0" for zero).</summary>
public static class Quantity
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Hex(long value) => Hex((ulong)Math.Max(0, value));

    /// <summary>A 0x hex quantity of at most 64 bits; a JSON number is accepted too for convenience.</summary>
    public static bool TryParse(JsonElement value, out ulong result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetUInt64(out result);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } s
            && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length is > 2 and <= 18
            && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>Parses a quantity param, answering a bad one with -32602.</summary>
    public static ulong Parse(JsonElement value, string what) =>
        TryParse(value, out var n) ? n : throw RpcException.Params($"{what} must be a 0x hex quantity");

    public static bool TryParseHash(JsonElement value, out Hash32 hash)
    {
        hash = default;
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 66 } s
            && s.StartsWith("0x", StringComparison.Ordinal) && Hash32.TryParse(s, out hash);
    }

    /// <summary>Parses a 32-byte hash param, answering a bad one with -32602.</summary>
    public static Hash32 ParseHash(JsonElement value, string what) =>
        TryParseHash(value, out var h) ? h : throw RpcException.Params($"{what} must be a 32-byte 0x hash");
}
