using System.Runtime.CompilerServices;
using Org.BouncyCastle.Math;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace EVoting.Ballots.Arithmetic;

/// <summary>
/// The fast backend: OpenSSL's P-256 (on x86-64 the nistz256 assembler implementation). Every
/// commitment is one <c>EC_POINT_mul</c> of two terms: a_j in the standard group (whose generator G
/// has OpenSSL's built-in table), b_j in a copy of the group whose generator is the election key K,
/// with a precomputed table for K (<c>EC_GROUP_precompute_mult</c>, built once per key); then each
/// is encoded compressed (<c>EC_POINT_point2oct</c>). Native objects live in SafeHandles; BN_CTX,
/// scalars and points are per thread, so calls on different threads never share mutable native
/// state (the groups are read-only once built).
/// </summary>
internal sealed class OpenSslArithmetic : VerificationArithmetic
{
    private readonly EcGroupHandle standard;

    // One group with generator K per decoded election key; Election.KeyCache gives one ECPoint per
    // key, so the table lives exactly as long as the key is cached (handles are freed by finalizers).
    private readonly ConditionalWeakTable<ECPoint, EcGroupHandle> keyGroups = new();

    [ThreadStatic]
    private static Scratch? scratch;

    private OpenSslArithmetic(EcGroupHandle standard) => this.standard = standard;

    public override string Name => "OpenSSL";

    /// <summary>The backend, or null when libcrypto.so.3 is missing or fails the self-test.</summary>
    public static OpenSslArithmetic? TryCreate()
    {
        if (!LibCrypto.Available)
            return null;
        try
        {
            var group = LibCrypto.EC_GROUP_new_by_curve_name(LibCrypto.NidP256);
            if (group.IsInvalid)
                return null;
            var arithmetic = new OpenSslArithmetic(group);
            return arithmetic.PassesSelfTest() ? arithmetic : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public override void EncodeCommitments(Election election, ReadOnlySpan<ProofStatement> statements, Span<byte> into)
    {
        var s = scratch ??= new Scratch();
        var keyGroup = KeyGroup(election.Key, s);
        var count = CommitmentCount(statements);
        s.EnsurePoints(count);
        var at = 0;
        foreach (var (ct, proof) in statements)
        {
            s.SetPoint(standard, s.Alpha, ct.Alpha);
            s.SetPoint(standard, s.Beta, ct.Beta);
            for (var j = 0; j < proof.C.Count; j++)
            {
                s.SetScalar(s.Challenge, proof.C[j]);
                s.SetScalar(s.Term, proof.V[j]);
                LibCrypto.Check(LibCrypto.EC_POINT_mul(standard, s.Points[at++], s.Term, s.Alpha, s.Challenge, s.Ctx), "EC_POINT_mul");
                s.SetScalar(s.Term, RangeProofs.KeyScalar(proof, j));
                LibCrypto.Check(LibCrypto.EC_POINT_mul(keyGroup, s.Points[at++], s.Term, s.Beta, s.Challenge, s.Ctx), "EC_POINT_mul");
            }
        }
        s.EncodeCompressed(standard, count, into);
    }

    private EcGroupHandle KeyGroup(ECPoint key, Scratch s) =>
        keyGroups.GetValue(key, k => BuildKeyGroup(k, s));

    private EcGroupHandle BuildKeyGroup(ECPoint key, Scratch s)
    {
        var group = LibCrypto.EC_GROUP_dup(standard);
        if (group.IsInvalid)
            throw new InvalidOperationException("libcrypto EC_GROUP_dup failed");
        using var generator = LibCrypto.EC_POINT_new(group);
        s.SetPoint(group, generator, key);
        LibCrypto.Check(LibCrypto.EC_GROUP_set_generator(group, generator,
            LibCrypto.EC_GROUP_get0_order(standard), LibCrypto.EC_GROUP_get0_cofactor(standard)), "EC_GROUP_set_generator");
        LibCrypto.Check(LibCrypto.EC_GROUP_precompute_mult(group, s.Ctx), "EC_GROUP_precompute_mult");
        return group;
    }

    /// <summary>1·G + 1·G must encode as BouncyCastle's 2·G: catches an ABI or library mismatch before any ballot depends on it.</summary>
    private bool PassesSelfTest()
    {
        var s = scratch ??= new Scratch();
        s.EnsurePoints(1);
        s.SetPoint(standard, s.Alpha, P256.G);
        s.SetScalar(s.Term, BigInteger.One);
        LibCrypto.Check(LibCrypto.EC_POINT_mul(standard, s.Points[0], s.Term, s.Alpha, s.Term, s.Ctx), "EC_POINT_mul");
        Span<byte> encoded = stackalloc byte[P256.PointLength];
        s.EncodeCompressed(standard, 1, encoded);
        return encoded.SequenceEqual(P256.G.Twice().GetEncoded(true));
    }

    /// <summary>One thread's native working set; freed by the SafeHandles' finalizers when the thread ends.</summary>
    private sealed class Scratch
    {
        public readonly BnCtxHandle Ctx = Allocated(LibCrypto.BN_CTX_new());
        public readonly BnHandle Term = Allocated(LibCrypto.BN_new());
        public readonly BnHandle Challenge = Allocated(LibCrypto.BN_new());
        public readonly EcPointHandle Alpha;
        public readonly EcPointHandle Beta;
        private readonly byte[] buffer = new byte[65];
        private EcPointHandle[] points = [];

        public Scratch()
        {
            // Points are tied to a method and curve, not to a group instance: these serve both groups.
            using var group = Allocated(LibCrypto.EC_GROUP_new_by_curve_name(LibCrypto.NidP256));
            Alpha = Allocated(LibCrypto.EC_POINT_new(group));
            Beta = Allocated(LibCrypto.EC_POINT_new(group));
        }

        public EcPointHandle[] Points => points;

        public void EnsurePoints(int count)
        {
            if (points.Length >= count)
                return;
            using var group = Allocated(LibCrypto.EC_GROUP_new_by_curve_name(LibCrypto.NidP256));
            var grown = new EcPointHandle[count];
            points.CopyTo(grown, 0);
            for (var i = points.Length; i < count; i++)
                grown[i] = Allocated(LibCrypto.EC_POINT_new(group));
            points = grown;
        }

        /// <summary>Loads a decoded (valid, finite or infinite) BouncyCastle point through its uncompressed encoding.</summary>
        public unsafe void SetPoint(EcGroupHandle group, EcPointHandle into, ECPoint point)
        {
            var length = point.IsInfinity ? 1 : 65;
            if (point.IsInfinity)
                buffer[0] = 0;
            else
                point.Normalize().EncodeTo(false, buffer);
            fixed (byte* p = buffer)
                LibCrypto.Check(LibCrypto.EC_POINT_oct2point(group, into, p, (nuint)length, Ctx), "EC_POINT_oct2point");
        }

        /// <summary>A scalar as OpenSSL sees it: reduced mod n (decoded proofs already are; hand-built ones may not be).</summary>
        public unsafe void SetScalar(BnHandle into, BigInteger value)
        {
            if (value.SignValue < 0 || value.CompareTo(P256.N) >= 0)
                value = P256.Mod(value);
            Span<byte> bytes = stackalloc byte[P256.ScalarLength];
            bytes.Clear();
            value.ToByteArrayUnsigned(bytes[(P256.ScalarLength - value.GetLengthofByteArrayUnsigned())..]);
            fixed (byte* p = bytes)
            {
                if (LibCrypto.BN_bin2bn(p, P256.ScalarLength, into) == IntPtr.Zero)
                    throw new InvalidOperationException("libcrypto BN_bin2bn failed");
            }
        }

        /// <summary>
        /// Compressed encodings (33 zero bytes for infinity). Each costs one inversion; one shared
        /// inversion first (EC_POINTs_make_affine) is no faster (docs/ballot-crypto.md#verification-backends-openssl-with-bouncycastle-as-the-fallback).
        /// </summary>
        public unsafe void EncodeCompressed(EcGroupHandle group, int count, Span<byte> into)
        {
            for (var i = 0; i < count; i++)
            {
                var target = into.Slice(i * P256.PointLength, P256.PointLength);
                nuint written;
                fixed (byte* p = target)
                    written = LibCrypto.EC_POINT_point2oct(group, points[i], LibCrypto.PointConversionCompressed, p, P256.PointLength, Ctx);
                if (written == 1 && target[0] == 0)
                    target.Clear(); // SEC1's single byte 00: the point at infinity
                else if (written != P256.PointLength)
                    throw new InvalidOperationException("libcrypto EC_POINT_point2oct failed");
            }
        }

        private static T Allocated<T>(T handle) where T : System.Runtime.InteropServices.SafeHandle =>
            handle.IsInvalid ? throw new InvalidOperationException($"libcrypto allocation of {typeof(T).Name} failed") : handle;
    }
}
