using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>An ElGamal ciphertext (α, β) = (ξ·G, (m + ξ)·K); both points are never infinity.</summary>
public sealed record Ciphertext(ECPoint Alpha, ECPoint Beta)
{
    public byte[] AlphaBytes => P256.Encode(Alpha);
    public byte[] BetaBytes => P256.Encode(Beta);
}

/// <summary>A range proof (c_0..c_R, v_0..v_R) that a ciphertext encrypts a value in [0..R].</summary>
public sealed record RangeProof(IReadOnlyList<BigInteger> C, IReadOnlyList<BigInteger> V)
{
    /// <summary>R, the largest value the proof admits.</summary>
    public int Bound => C.Count - 1;
}

/// <summary>A parsed ballot: one ciphertext and one 0/1 proof per candidate, and the sum proof.</summary>
public sealed record Ballot(ulong ElectionId, IReadOnlyList<Ciphertext> Ciphertexts, IReadOnlyList<RangeProof> Proofs, RangeProof SumProof);
