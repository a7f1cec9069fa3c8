using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EVoting.Chain;

/// <summary>
/// A 20-byte Ethereum address: the last 20 bytes of Keccak-256 of the 64-byte public key.
/// Accepted in any case on input; written in EIP-55 checksum case.
/// </summary>
public readonly struct Address : IEquatable<Address>
{
    public const int Length = 20;
    private readonly byte[]? _bytes;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"an address is {Length} bytes, got {bytes.Length}");
        _bytes = bytes.ToArray();
    }

    public static Address Zero => new(new byte[Length]);
    public ReadOnlySpan<byte> Span => _bytes ?? new byte[Length];

    public static Address FromPublicKey(ReadOnlySpan<byte> uncompressed64) =>
        new(Keccak.Hash(uncompressed64).AsSpan(12));

    public static Address Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException("an address is 0x followed by 40 hex digits");

    public static bool TryParse([NotNullWhen(true)] string? text, out Address address)
    {
        address = default;
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length != 42) return false;
        if (!Hex.TryDecode(text, out var bytes)) return false;
        address = new Address(bytes);
        return true;
    }

    /// <summary>EIP-55: a hex letter is upper case where the matching nibble of keccak(lowercase hex) is ≥ 8.</summary>
    public override string ToString()
    {
        var lower = Convert.ToHexStringLower(Span);
        var hash = Keccak.Hash(Encoding.ASCII.GetBytes(lower));
        var result = new StringBuilder("0x", 42);
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }
        return result.ToString();
    }

    public bool Equals(Address other) => Span.SequenceEqual(other.Span);
    public override bool Equals(object? obj) => obj is Address a && Equals(a);
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);
    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);
}
