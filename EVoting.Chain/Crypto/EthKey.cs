using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace EVoting.Chain;

/// <summary>
/// A secp256k1 private key with its Ethereum address. Signing is deterministic (RFC 6979), so a
/// retried signature over the same digest is byte-identical. ToString never reveals the key.
/// </summary>
public sealed class EthKey
{
    private readonly BigInteger _d;

    private EthKey(BigInteger d)
    {
        if (d.SignValue <= 0 || d.CompareTo(Secp256k1.N) >= 0)
            throw new FormatException("a private key is a scalar in [1, n-1]");
        _d = d;
        PublicKey = Secp256k1.Uncompressed64(Secp256k1.MultiplyG(d));
        Address = Address.FromPublicKey(PublicKey);
    }

    /// <summary>The 64-byte uncompressed public key X ‖ Y.</summary>
    public byte[] PublicKey { get; }
    public Address Address { get; }

    public static EthKey Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var d = new BigInteger(1, bytes.ToArray());
            if (d.SignValue > 0 && d.CompareTo(Secp256k1.N) < 0) return new EthKey(d);
        }
    }

    public static EthKey FromHex(string hex)
    {
        var bytes = Hex.Decode(hex.Trim());
        if (bytes.Length != 32) throw new FormatException("a private key is 32 bytes (64 hex digits)");
        return new EthKey(new BigInteger(1, bytes));
    }

    public string ToHex() => Hex.Encode(_d.ToByteArrayUnsigned().AsSpan().PadLeft32());

    /// <summary>
    /// ECDSA over the digest with k from RFC 6979 (HMAC-SHA-256), low-s, v = 27 + recovery id.
    /// The same arithmetic as BouncyCastle's ECDsaSigner, done here so the recovery id comes from
    /// R's y parity: finding it by recovering the public key afterwards costs two scalar
    /// multiplications per try, more than the signature itself (the API signs every vote).
    /// </summary>
    public Signature Sign(Hash32 digest)
    {
        var n = Secp256k1.N;
        var message = digest.ToArray();
        var e = new BigInteger(1, message); // a 256-bit digest for a 256-bit n: no truncation
        var k = new HMacDsaKCalculator(new Sha256Digest());
        k.Init(n, _d, message);
        while (true)
        {
            var nonce = k.NextK();
            var point = Secp256k1.MultiplyG(nonce);
            var x = point.AffineXCoord.ToBigInteger();
            // x ≥ n would need recovery ids 2/3, which v = 27/28 cannot carry (odds ~2^-128): next k.
            if (x.CompareTo(n) >= 0) continue;
            var r = x;
            var s = nonce.ModInverse(n).Multiply(e.Add(_d.Multiply(r))).Mod(n);
            if (r.SignValue == 0 || s.SignValue == 0) continue;
            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            if (s.CompareTo(Secp256k1.HalfN) > 0)
            {
                // Low-s: (r, n − s) is the signature of −R, whose y has the other parity.
                s = n.Subtract(s);
                recoveryId ^= 1;
            }
            var bytes = new byte[Signature.Length];
            r.ToByteArrayUnsigned().AsSpan().PadLeft32().CopyTo(bytes.AsSpan(0, 32));
            s.ToByteArrayUnsigned().AsSpan().PadLeft32().CopyTo(bytes.AsSpan(32, 32));
            bytes[64] = (byte)(27 + recoveryId);
            return new Signature(bytes);
        }
    }

    public override string ToString() => $"EthKey({Address})";
}

internal static class ByteSpanExtensions
{
    public static byte[] PadLeft32(this Span<byte> value)
    {
        if (value.Length > 32) throw new ArgumentException("value longer than 32 bytes");
        var result = new byte[32];
        value.CopyTo(result.AsSpan(32 - value.Length));
        return result;
    }
}
