using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>D = Σ_{ℓ∈S} w_ℓ·M_ℓ with w_ℓ = Π_{j∈S, j≠ℓ} j·(j − ℓ)^{−1} mod n, for a set S of at least q guardians (docs/trustees.md).</summary>
public static class LagrangeCombination
{
    public static BigInteger Coefficient(int guardian, IReadOnlyCollection<int> set)
    {
        var w = BigInteger.One;
        foreach (var j in set)
        {
            if (j == guardian)
                continue;
            var numerator = BigInteger.ValueOf(j);
            var denominator = P256.Mod(BigInteger.ValueOf(j - guardian));
            w = P256.Mod(w.Multiply(numerator).Multiply(denominator.ModInverse(P256.N)));
        }
        return w;
    }

    /// <summary>Combines verified partial decryptions; throws when there are fewer than <paramref name="quorum"/> or a guardian repeats.</summary>
    public static ECPoint Combine(IReadOnlyList<PartialDecryption> shares, int quorum)
    {
        var set = shares.Select(s => s.Guardian).ToArray();
        if (set.Distinct().Count() != set.Length)
            throw new BallotFormatException(TrusteeErrors.DuplicateGuardian);
        if (set.Length < quorum)
            throw new BallotFormatException(TrusteeErrors.TooFewShares);
        var d = P256.Infinity;
        foreach (var share in shares)
        {
            // Public shares and weights, each point used once: a plain multiplication, no comb table.
            if (!share.M.IsInfinity)
                d = d.Add(share.M.Multiply(Coefficient(share.Guardian, set)));
        }
        return d.IsInfinity ? d : d.Normalize();
    }
}
