using System.Diagnostics.CodeAnalysis;

namespace EVoting.Chain;

/// <summary>A 32-byte hash with value equality; printed as 0x + 64 lowercase hex.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    public const int Length = 32;
    private readonly byte[]? _bytes;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"a hash is {Length} bytes, got {bytes.Length}");
        _bytes = bytes.ToArray();
    }

    public static Hash32 Zero => new(new byte[Length]);

    public ReadOnlySpan<byte> Span => _bytes ?? new byte[Length];
    public byte[] ToArray() => Span.ToArray();
    public bool IsZero => Span.IndexOfAnyExcept((byte)0) < 0;

    public static Hash32 Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException("a hash is 0x followed by 64 hex digits");

    public static bool TryParse([NotNullWhen(true)] string? text, out Hash32 hash)
    {
        hash = default;
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 66) return false;
        if (!Hex.TryDecode(text, out var bytes)) return false;
        hash = new Hash32(bytes);
        return true;
    }

    public bool Equals(Hash32 other) => Span.SequenceEqual(other.Span);
    public override bool Equals(object? obj) => obj is Hash32 h && Equals(h);
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);
    public int CompareTo(Hash32 other) => Span.SequenceCompareTo(other.Span);
    public static bool operator ==(Hash32 a, Hash32 b) => a.Equals(b);
    public static bool operator !=(Hash32 a, Hash32 b) => !a.Equals(b);
    public override string ToString() => Hex.Encode(Span);
}
