namespace EVoting.Ballots;

/// <summary>The JSON form of bytes in ballots: lowercase hex, no 0x prefix, nothing else accepted.</summary>
public static class LowerHex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length % 2 != 0)
            return false;
        foreach (var ch in text)
        {
            if (ch is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                return false;
        }
        bytes = Convert.FromHexString(text);
        return true;
    }

    public static byte[] Decode(string? text, string reason, string? where = null) =>
        TryDecode(text, out var bytes) ? bytes : throw new BallotFormatException(reason, where);
}
