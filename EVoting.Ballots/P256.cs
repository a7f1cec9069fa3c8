using System.Security.Cryptography;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using ECCurve = Org.BouncyCastle.Math.EC.ECCurve;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace EVoting.Ballots;

/// <summary>
/// The group of docs/ballot-crypto.md#notation-and-encodings: NIST P-256, its strict point and scalar encodings, and scalar
/// arithmetic mod n. Secrets are multiplied with the fixed-point comb (regular, table-driven);
/// ballot verification multiplies public values through Arithmetic.VerificationArithmetic
/// (OpenSSL where it loads, else <see cref="ECAlgorithms.SumOfTwoMultiplies"/>).
/// </summary>
public static class P256
{
    public const int PointLength = 33;
    public const int ScalarLength = 32;

    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256r1");
    private static readonly FixedPointCombMultiplier Comb = new();

    public static ECCurve Curve { get; } = Parameters.Curve;

    /// <summary>The base point G. One shared instance, so BouncyCastle's precomputation tables stay cached on it.</summary>
    public static ECPoint G { get; } = Parameters.G.Normalize();

    public static BigInteger N { get; } = Parameters.N;

    public static ECPoint Infinity => Curve.Infinity;

    /// <summary>k·G with the comb (safe for secret k, zero allowed).</summary>
    public static ECPoint MultiplyG(BigInteger k) => MultiplyFixed(G, k);

    /// <summary>k·P for a long-lived base P (G or an election key): the comb's table is cached on P.</summary>
    public static ECPoint MultiplyFixed(ECPoint p, BigInteger k) =>
        k.SignValue == 0 ? Infinity : Comb.Multiply(p, k);

    /// <summary>a·P + b·Q for public scalars (verification).</summary>
    public static ECPoint SumOfTwo(ECPoint p, BigInteger a, ECPoint q, BigInteger b) =>
        ECAlgorithms.SumOfTwoMultiplies(p, a, q, b);

    public static BigInteger Mod(BigInteger x) => x.Mod(N);

    /// <summary>Uniform in [1, n−1] from the OS CSPRNG (rejection sampling, no bias).</summary>
    public static BigInteger RandomNonZeroScalar()
    {
        Span<byte> buffer = stackalloc byte[ScalarLength];
        while (true)
        {
            RandomNumberGenerator.Fill(buffer);
            var candidate = new BigInteger(1, buffer);
            if (candidate.SignValue > 0 && candidate.CompareTo(N) < 0)
                return candidate;
        }
    }

    /// <summary>The 33-byte compressed encoding. Throws for infinity, which the spec never encodes in a ballot.</summary>
    public static byte[] Encode(ECPoint p)
    {
        if (p.IsInfinity)
            throw new ArgumentException(BallotErrors.PointInfinity, nameof(p));
        return p.GetEncoded(true);
    }

    /// <summary>
    /// Tally encoding: as <see cref="Encode"/>, but the point at infinity is the single byte 00
    /// (SEC1's encoding of it). Only aggregates and decryption values use this (an election with
    /// no ballots sums to infinity); ballots never do. See docs/ballot-crypto.md#tally.
    /// </summary>
    public static byte[] EncodeTally(ECPoint p) => p.IsInfinity ? [0x00] : p.GetEncoded(true);

    /// <summary>
    /// Normalizes the points with one inversion and writes them as 33-byte compressed encodings;
    /// a point at infinity is written as 33 zero bytes (see VerificationArithmetic). False if any was infinity.
    /// </summary>
    internal static bool EncodeCommitments(ECPoint[] points, Span<byte> into)
    {
        Curve.NormalizeAll(points);
        var finite = true;
        for (var i = 0; i < points.Length; i++)
        {
            var target = into.Slice(i * PointLength, PointLength);
            if (points[i].IsInfinity)
            {
                target.Clear();
                finite = false;
            }
            else
            {
                points[i].EncodeTo(true, target);
            }
        }
        return finite;
    }

    public static byte[] EncodeScalar(BigInteger s)
    {
        var bytes = new byte[ScalarLength];
        var magnitude = s.ToByteArrayUnsigned();
        magnitude.CopyTo(bytes.AsSpan(ScalarLength - magnitude.Length));
        return bytes;
    }

    /// <summary>Strict point decoding: 33 bytes, prefix 02/03, on the curve. Never returns infinity.</summary>
    public static bool TryDecodePoint(ReadOnlySpan<byte> bytes, out ECPoint point, out string? error)
    {
        point = Infinity;
        error = CheckPointShape(bytes);
        if (error is not null)
            return false;
        try
        {
            point = Curve.DecodePoint(bytes.ToArray());
        }
        catch (ArgumentException)
        {
            error = BallotErrors.PointNotOnCurve;
            return false;
        }
        // Cofactor 1: every curve point other than infinity is in the prime-order group.
        if (point.IsInfinity || !point.IsValid())
        {
            error = BallotErrors.PointNotOnCurve;
            return false;
        }
        return true;
    }

    public static ECPoint DecodePoint(ReadOnlySpan<byte> bytes, string? where = null) =>
        TryDecodePoint(bytes, out var point, out var error) ? point : throw new BallotFormatException(error!, where);

    /// <summary>Tally decoding: the single byte 00 is infinity, otherwise as <see cref="DecodePoint"/>.</summary>
    public static ECPoint DecodeTallyPoint(ReadOnlySpan<byte> bytes, string? where = null) =>
        bytes.Length == 1 && bytes[0] == 0 ? Infinity : DecodePoint(bytes, where);

    private static string? CheckPointShape(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] == 0x00)
            return BallotErrors.PointInfinity;
        if (bytes.Length == 65)
            return BallotErrors.PointUncompressed;
        if (bytes.Length != PointLength)
            return BallotErrors.PointWrongLength;
        if (bytes[0] != 0x02 && bytes[0] != 0x03)
            return BallotErrors.PointBadPrefix;
        return null;
    }

    /// <summary>Strict scalar decoding: exactly 32 bytes big-endian, value below n (zero is allowed).</summary>
    public static bool TryDecodeScalar(ReadOnlySpan<byte> bytes, out BigInteger scalar, out string? error)
    {
        scalar = BigInteger.Zero;
        if (bytes.Length != ScalarLength)
        {
            error = BallotErrors.ScalarWrongLength;
            return false;
        }
        scalar = new BigInteger(1, bytes);
        if (scalar.CompareTo(N) >= 0)
        {
            error = BallotErrors.ScalarOutOfRange;
            return false;
        }
        error = null;
        return true;
    }

    public static BigInteger DecodeScalar(ReadOnlySpan<byte> bytes, string? where = null) =>
        TryDecodeScalar(bytes, out var s, out var error) ? s : throw new BallotFormatException(error!, where);
}
