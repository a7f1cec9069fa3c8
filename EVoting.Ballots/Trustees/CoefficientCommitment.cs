using System.Buffers.Binary;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>K_{i,j} = a_{i,j}·G with a Schnorr proof (c, v) that guardian i knows a_{i,j} (docs/trustees.md "Key ceremony").</summary>
public sealed record CoefficientCommitment(int Guardian, int Index, ECPoint Commitment, BigInteger C, BigInteger V)
{
    public const byte ProofTag = 0x10;

    internal static CoefficientCommitment Prove(CeremonyParameters ceremony, int guardian, int index, BigInteger coefficient, BigInteger u)
    {
        var commitment = P256.MultiplyG(coefficient).Normalize();
        var h = P256.MultiplyG(u).Normalize();
        var c = ChallengeFor(ceremony, guardian, index, commitment, h);
        return new CoefficientCommitment(guardian, index, commitment, c, P256.Mod(u.Subtract(c.Multiply(coefficient))));
    }

    /// <summary>Null when h = v·G + c·K_{i,j} recomputes c; else why not.</summary>
    public string? Verify(CeremonyParameters ceremony)
    {
        if (!ceremony.IsGuardian(Guardian) || Index < 0 || Index >= ceremony.Quorum)
            return TrusteeErrors.BadGuardianIndex;
        if (Commitment.IsInfinity)
            return BallotErrors.PointInfinity;
        if (!ChaumPedersen.IsScalar(C) || !ChaumPedersen.IsScalar(V))
            return BallotErrors.ScalarOutOfRange;
        var h = P256.SumOfTwo(P256.G, V, Commitment, C);
        if (h.IsInfinity)
            return TrusteeErrors.CoefficientProofInvalid;
        return ChallengeFor(ceremony, Guardian, Index, Commitment, h.Normalize()).Equals(C) ? null : TrusteeErrors.CoefficientProofInvalid;
    }

    /// <summary>Hq(H_P ‖ 0x10 ‖ u32be(i) ‖ u32be(j) ‖ enc(K_{i,j}) ‖ enc(h)).</summary>
    private static BigInteger ChallengeFor(CeremonyParameters ceremony, int guardian, int index, ECPoint commitment, ECPoint h)
    {
        var buffer = new byte[32 + 1 + 4 + 4 + 2 * P256.PointLength];
        ceremony.Hash.CopyTo(buffer, 0);
        buffer[32] = ProofTag;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(33), (uint)guardian);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(37), (uint)index);
        P256.Encode(commitment).CopyTo(buffer, 41);
        P256.Encode(h).CopyTo(buffer, 41 + P256.PointLength);
        return Challenge.Hq(buffer);
    }
}
