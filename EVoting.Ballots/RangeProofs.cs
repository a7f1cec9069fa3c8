using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>The randomness of one range proof: u_0..u_R, and c_j for j ≠ ℓ (the entry at ℓ is ignored).</summary>
public sealed record ProofRandomness(IReadOnlyList<BigInteger> U, IReadOnlyList<BigInteger> C)
{
    public static ProofRandomness Random(int bound) => new(
        Enumerable.Range(0, bound + 1).Select(_ => P256.RandomNonZeroScalar()).ToArray(),
        Enumerable.Range(0, bound + 1).Select(_ => P256.RandomNonZeroScalar()).ToArray());
}

/// <summary>RP(idx; α, β; ξ, ℓ ∈ [0..R]) : the disjunctive Chaum-Pedersen proof (docs/ballot-crypto.md#disjunctive-proof).</summary>
internal static class RangeProofs
{
    /// <summary>
    /// Proves that ct encrypts ℓ. Returns null when a commitment is the point at infinity (only
    /// possible with negligible probability, or with chosen randomness): it cannot be encoded, so
    /// the caller retries with fresh randomness. ℓ outside [0..R] yields a proof that fails to
    /// verify (used to build negative vectors only).
    /// </summary>
    public static RangeProof? Prove(Election election, int index, Ciphertext ct, BigInteger xi, int ell, int bound, ProofRandomness r)
    {
        if (r.U.Count != bound + 1 || r.C.Count != bound + 1)
            throw new ArgumentException("randomness does not match the proof's bound", nameof(r));
        var real = Math.Clamp(ell, 0, bound);
        var c = new BigInteger[bound + 1];
        var commitments = new ECPoint[2 * (bound + 1)];
        for (var j = 0; j <= bound; j++)
        {
            c[j] = j == real ? BigInteger.Zero : P256.Mod(r.C[j]);
            var t = P256.Mod(r.U[j].Add(BigInteger.ValueOf(ell - j).Multiply(c[j])));
            commitments[2 * j] = P256.MultiplyG(P256.Mod(r.U[j]));
            commitments[2 * j + 1] = P256.MultiplyFixed(election.Key, t);
        }
        var encoded = new byte[commitments.Length * P256.PointLength];
        if (!P256.EncodeCommitments(commitments, encoded))
            return null;
        var challenge = Challenge.RangeProof(election.Hash, index, election.PublicKey, ct.AlphaBytes, ct.BetaBytes, encoded);
        var others = BigInteger.Zero;
        for (var j = 0; j <= bound; j++)
        {
            if (j != real)
                others = others.Add(c[j]);
        }
        c[real] = P256.Mod(challenge.Subtract(others));
        var v = new BigInteger[bound + 1];
        for (var j = 0; j <= bound; j++)
            v[j] = P256.Mod(r.U[j].Subtract(c[j].Multiply(xi)));
        return new RangeProof(c, v);
    }

    /// <summary>The scalar of K in b_j = (v_j − j·c_j)·K + c_j·β.</summary>
    public static BigInteger KeyScalar(RangeProof proof, int j) =>
        P256.Mod(proof.V[j].Subtract(BigInteger.ValueOf(j).Multiply(proof.C[j])));

    /// <summary>
    /// Accept iff no commitment is infinity (encoded as zeros, see VerificationArithmetic) and
    /// Σ c_j ≡ Hq(...) over the recomputed commitments.
    /// </summary>
    public static bool ChallengeMatches(Election election, int index, Ciphertext ct, RangeProof proof, ReadOnlySpan<byte> encoded)
    {
        for (var at = 0; at < encoded.Length; at += P256.PointLength)
        {
            if (encoded[at] == 0)
                return false;
        }
        var expected = Challenge.RangeProof(election.Hash, index, election.PublicKey, ct.AlphaBytes, ct.BetaBytes, encoded);
        var sum = BigInteger.Zero;
        foreach (var cj in proof.C)
            sum = sum.Add(cj);
        return P256.Mod(sum).Equals(expected);
    }
}
