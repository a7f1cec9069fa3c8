using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>
/// A Chaum-Pedersen proof that log_G X = log_A Y for a secret x (X = x·G, Y = x·A): pick u; a = u·G; b = u·A;
/// c = the caller's challenge over its statement and (a, b); v = u − c·x. Verify: a = v·G + c·X and b = v·A + c·Y
/// recompute c. The one piece behind every such proof (docs/ballot-crypto.md, docs/trustees.md): the single
/// trustee's decryption (0x30), a guardian's partial decryption (0x31) and a complaint's shared point (0x11); each
/// caller's challenge has its own tag and binds its own context. A may be the point at infinity (an empty tally).
/// </summary>
public static class ChaumPedersen
{
    /// <summary>c from the commitments a = u·G and b = u·A, hashed with the caller's tag and statement.</summary>
    public delegate BigInteger ChallengeFor(ECPoint a, ECPoint b);

    public static (BigInteger C, BigInteger V) Prove(BigInteger x, ECPoint baseA, BigInteger u, ChallengeFor challenge)
    {
        var a = P256.MultiplyG(u).Normalize();
        var b = baseA.IsInfinity ? P256.Infinity : P256.MultiplyFixed(baseA, u).Normalize();
        var c = challenge(a, b);
        return (c, P256.Mod(u.Subtract(c.Multiply(x))));
    }

    /// <summary>True when c and v are scalars and a = v·G + c·X, b = v·A + c·Y recompute c.</summary>
    public static bool Verify(ECPoint x, ECPoint baseA, ECPoint y, BigInteger c, BigInteger v, ChallengeFor challenge)
    {
        if (!IsScalar(c) || !IsScalar(v))
            return false;
        var a = P256.SumOfTwo(P256.G, v, x, c);
        var b = baseA.IsInfinity ? (y.IsInfinity ? P256.Infinity : y.Multiply(c)) : P256.SumOfTwo(baseA, v, y, c);
        return challenge(Normal(a), Normal(b)).Equals(c);
    }

    public static bool IsScalar(BigInteger x) => x.SignValue >= 0 && x.CompareTo(P256.N) < 0;

    private static ECPoint Normal(ECPoint p) => p.IsInfinity ? p : p.Normalize();
}
