using System.Diagnostics.CodeAnalysis;

namespace EVoting.Chain;

/// <summary>
/// A recoverable secp256k1 signature, 65 bytes r ‖ s ‖ v with v = 27 or 28 and low s, over a
/// 32-byte digest with no message prefix (what ecrecover and every Ethereum library recover).
/// </summary>
public readonly struct Signature : IEquatable<Signature>
{
    public const int Length = 65;
    private readonly byte[]? _bytes;

    public Signature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"a signature is {Length} bytes, got {bytes.Length}");
        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Span => _bytes ?? new byte[Length];
    public bool IsEmpty => _bytes is null;
    public byte V => Span[64];

    public static Signature Parse(string text) =>
        TryParse(text, out var s) ? s : throw new FormatException("a signature is 0x followed by 130 hex digits");

    public static bool TryParse([NotNullWhen(true)] string? text, out Signature signature)
    {
        signature = default;
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 2 + 2 * Length) return false;
        if (!Hex.TryDecode(text, out var bytes)) return false;
        signature = new Signature(bytes);
        return true;
    }

    /// <summary>The signer's address, or null when the signature is malformed, high-s or does not recover.</summary>
    public static Address? RecoverSigner(Hash32 digest, Signature signature)
    {
        if (signature.IsEmpty) return null;
        var span = signature.Span;
        var v = span[64];
        if (v != 27 && v != 28) return null;
        if (!Secp256k1.IsLowS(span[32..64])) return null; // low-s only: no malleable twins
        var publicKey = Secp256k1.Recover(digest.Span, span[..64], v - 27);
        return publicKey is null ? null : Address.FromPublicKey(publicKey);
    }

    public bool Equals(Signature other) => Span.SequenceEqual(other.Span);
    public override bool Equals(object? obj) => obj is Signature s && Equals(s);
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);
    public static bool operator ==(Signature a, Signature b) => a.Equals(b);
    public static bool operator !=(Signature a, Signature b) => !a.Equals(b);
    public override string ToString() => Hex.Encode(Span);
}
