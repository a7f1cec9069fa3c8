using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

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
        var r = new BigInteger(1, span[..32].ToArray());
        var s = new BigInteger(1, span[32..64].ToArray());
        if (r.SignValue <= 0 || r.CompareTo(Secp256k1.N) >= 0) return null;
        if (s.SignValue <= 0 || s.CompareTo(Secp256k1.HalfN) > 0) return null; // low-s only: no malleable twins
        var q = RecoverPublicKey(digest, r, s, v - 27);
        return q is null ? null : Address.FromPublicKey(Secp256k1.Uncompressed64(q));
    }

    /// <summary>SEC 1 v2 §4.1.6 with j = 0 (r &lt; p − n is the only case that occurs in practice).</summary>
    internal static ECPoint? RecoverPublicKey(Hash32 digest, BigInteger r, BigInteger s, int recoveryId)
    {
        var curve = Secp256k1.Curve;
        if (r.CompareTo(curve.Field.Characteristic) >= 0) return null;
        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 | (recoveryId & 1));
        var rBytes = r.ToByteArrayUnsigned();
        rBytes.CopyTo(encoded, 33 - rBytes.Length);
        ECPoint bigR;
        try { bigR = curve.DecodePoint(encoded); }
        catch (ArgumentException) { return null; }
        var e = new BigInteger(1, digest.ToArray());
        var rInv = r.ModInverse(Secp256k1.N);
        var u1 = e.Negate().Multiply(rInv).Mod(Secp256k1.N);
        var u2 = s.Multiply(rInv).Mod(Secp256k1.N);
        var q = ECAlgorithms.SumOfTwoMultiplies(Secp256k1.G, u1, bigR, u2).Normalize();
        return q.IsInfinity ? null : q;
    }

    public bool Equals(Signature other) => Span.SequenceEqual(other.Span);
    public override bool Equals(object? obj) => obj is Signature s && Equals(s);
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);
    public static bool operator ==(Signature a, Signature b) => a.Equals(b);
    public static bool operator !=(Signature a, Signature b) => !a.Equals(b);
    public override string ToString() => Hex.Encode(Span);
}
