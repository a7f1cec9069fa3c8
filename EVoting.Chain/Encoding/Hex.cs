namespace EVoting.Chain;

/// <summary>Lowercase hex with an optional 0x prefix, strict on input.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true) =>
        prefix ? "0x" + Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes);

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
