using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
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

    public Signature Sign(Hash32 digest)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, Secp256k1.Domain));
        var rs = signer.GenerateSignature(digest.ToArray());
        var r = rs[0];
        var s = rs[1];
        if (s.CompareTo(Secp256k1.HalfN) > 0) s = Secp256k1.N.Subtract(s);

        var bytes = new byte[Signature.Length];
        r.ToByteArrayUnsigned().AsSpan().PadLeft32().CopyTo(bytes.AsSpan(0, 32));
        s.ToByteArrayUnsigned().AsSpan().PadLeft32().CopyTo(bytes.AsSpan(32, 32));
        for (var recId = 0; recId < 2; recId++)
        {
            var q = Signature.RecoverPublicKey(digest, r, s, recId);
            if (q is not null && Secp256k1.Uncompressed64(q).AsSpan().SequenceEqual(PublicKey))
            {
                bytes[64] = (byte)(27 + recId);
                return new Signature(bytes);
            }
        }
        throw new CryptographicException("no recovery id reproduces the public key");
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
