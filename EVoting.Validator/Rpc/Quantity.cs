using System.Globalization;
using System.Text.Json;
using EVoting.Chain;

namespace EVoting.Validator.Rpc;

/// <summary>Ethereum JSON-RPC value forms: quantities are 0x hex without leading zeros ("0x0" for zero).</summary>
public static class Quantity
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Hex(long value) => Hex((ulong)Math.Max(0, value));

    public static readonly string ZeroHash = Hash32.Zero.ToString();

    public static readonly string EmptyBloom = "0x" + new string('0', 512);

    /// <summary>Parses a quantity param ("0x1a"); decimal numbers are accepted too for convenience.</summary>
    public static ulong Parse(JsonElement value, string what)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n))
            return n;
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length is > 2 and <= 18
                && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
                return h;
        }
        throw RpcException.Params($"{what} must be a 0x hex quantity");
    }

    public static Hash32 ParseHash(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 66 } s && s.StartsWith("0x", StringComparison.Ordinal) && Hash32.TryParse(s, out var h)
            ? h
            : throw RpcException.Params($"{what} must be a 32-byte 0x hash");
}
