using System.Buffers.Binary;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// Guardian ℓ's share of one candidate's decryption: M_ℓ = s_ℓ·A with a Chaum-Pedersen proof (c, v) that
/// log_G K*_ℓ = log_A M_ℓ (docs/trustees.md "Decryption of a tally").
/// </summary>
public sealed record PartialDecryption(int Guardian, ECPoint M, BigInteger C, BigInteger V)
{
    public const byte ProofTag = 0x31;

    /// <summary>Guardian ℓ with secret share s_ℓ (Σ_i P_i(ℓ)) decrypts the aggregate (A, B).</summary>
    public static PartialDecryption Create(Election election, int guardian, BigInteger secretShare, ECPoint verificationKey, ECPoint a, ECPoint b) =>
        Create(election, guardian, secretShare, verificationKey, a, b, P256.RandomNonZeroScalar());

    /// <summary>With a supplied proof nonce (deterministic test vectors only).</summary>
    internal static PartialDecryption Create(Election election, int guardian, BigInteger secretShare, ECPoint verificationKey, ECPoint a, ECPoint b, BigInteger u)
    {
        var m = a.IsInfinity ? P256.Infinity : P256.MultiplyFixed(a, secretShare).Normalize();
        var (c, v) = ChaumPedersen.Prove(secretShare, a, u, (commitG, commitA) => ChallengeFor(election, guardian, verificationKey, a, b, commitG, commitA, m));
        return new PartialDecryption(guardian, m, c, v);
    }

    /// <summary>Null when a = v·G + c·K*_ℓ and b = v·A + c·M_ℓ recompute c; else why not.</summary>
    public string? Verify(Election election, ECPoint verificationKey, ECPoint a, ECPoint b)
    {
        if (!ChaumPedersen.IsScalar(C) || !ChaumPedersen.IsScalar(V))
            return BallotErrors.ScalarOutOfRange;
        return ChaumPedersen.Verify(verificationKey, a, M, C, V, (commitG, commitA) => ChallengeFor(election, Guardian, verificationKey, a, b, commitG, commitA, M))
            ? null
            : TrusteeErrors.PartialDecryptionInvalid;
    }

    /// <summary>Hq(H_E ‖ 0x31 ‖ u32be(ℓ) ‖ enc(K*_ℓ) ‖ enc(A) ‖ enc(B) ‖ enc(a) ‖ enc(b) ‖ enc(M_ℓ)), tally encoding (infinity = 00).</summary>
    private static BigInteger ChallengeFor(Election election, int guardian, ECPoint verificationKey, ECPoint a, ECPoint b, ECPoint commitG, ECPoint commitA, ECPoint m)
    {
        using var stream = new MemoryStream();
        stream.Write(election.Hash);
        stream.WriteByte(ProofTag);
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(index, (uint)guardian);
        stream.Write(index);
        foreach (var point in new[] { verificationKey, a, b, commitG, commitA, m })
            stream.Write(P256.EncodeTally(point));
        return Challenge.Hq(stream.ToArray());
    }
}
