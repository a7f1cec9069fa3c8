using System.Buffers;
using System.Text.Json;

namespace EVoting.Chain;

/// <summary>Lowercase hex with an optional 0x prefix, strict on input.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true) =>
        prefix ? "0x" + Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Writes <paramref name="bytes"/> as a 0x-prefixed lowercase hex JSON string without making a
    /// string of it first: a ballot's hex fields are kilobytes, written for every block a validator
    /// stores, signs or sends, and those strings were a quarter of what it allocated (docs/benchmarks.md, "Memory").
    /// </summary>
    public static void WriteJson(Utf8JsonWriter writer, string propertyName, ReadOnlySpan<byte> bytes)
    {
        var length = 2 + 2 * bytes.Length;
        char[]? rented = null;
        var chars = length <= 512 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        chars[0] = '0';
        chars[1] = 'x';
        Convert.TryToHexStringLower(bytes, chars[2..], out _);
        writer.WriteString(propertyName, chars);
        if (rented is not null)
            ArrayPool<char>.Shared.Return(rented);
    }

    /// <summary>Decodes hex with or without 0x; throws <see cref="FormatException"/> saying why.</summary>
    public static byte[] Decode(string hex)
    {
        if (!TryDecode(hex, out var bytes))
            throw new FormatException("not valid hex (even number of 0-9a-f digits, optional 0x)");
        return bytes;
    }

    public static bool TryDecode(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null) return false;
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.Length % 2 != 0) return false;
        foreach (var c in digits)
            if (!char.IsAsciiHexDigit(c)) return false;
        bytes = Convert.FromHexString(digits);
        return true;
    }
}
