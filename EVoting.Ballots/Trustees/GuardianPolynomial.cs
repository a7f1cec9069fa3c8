using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// Guardian i's secret polynomial P_i(x) = a_{i,0} + a_{i,1}·x + … + a_{i,q−1}·x^{q−1}: its commitments, and the
/// share P_i(ℓ) it gives guardian ℓ (docs/trustees.md "Key ceremony"). Never leaves the guardian's machine.
/// </summary>
public sealed class GuardianPolynomial
{
    private readonly BigInteger[] _coefficients;

    private GuardianPolynomial(CeremonyParameters ceremony, int guardian, BigInteger[] coefficients)
    {
        if (!ceremony.IsGuardian(guardian))
            throw new ArgumentException(TrusteeErrors.BadGuardianIndex, nameof(guardian));
        Ceremony = ceremony;
        Guardian = guardian;
        _coefficients = coefficients;
    }

    public CeremonyParameters Ceremony { get; }

    public int Guardian { get; }

    /// <summary>a_{i,0}: the guardian's own secret, whose commitment K_{i,0} also receives the shares sent to it.</summary>
    public BigInteger Secret => _coefficients[0];

    public static GuardianPolynomial Generate(CeremonyParameters ceremony, int guardian) =>
        new(ceremony, guardian, Enumerable.Range(0, ceremony.Quorum).Select(_ => P256.RandomNonZeroScalar()).ToArray());

    /// <summary>From known coefficients: a guardian's key file, or deterministic test vectors.</summary>
    public static GuardianPolynomial FromCoefficients(CeremonyParameters ceremony, int guardian, IReadOnlyList<BigInteger> coefficients)
    {
        if (coefficients.Count != ceremony.Quorum)
            throw new ArgumentException(TrusteeErrors.WrongCommitmentCount, nameof(coefficients));
        if (coefficients.Any(a => a.SignValue <= 0 || a.CompareTo(P256.N) >= 0))
            throw new ArgumentException(BallotErrors.ScalarOutOfRange, nameof(coefficients));
        return new GuardianPolynomial(ceremony, guardian, [.. coefficients]);
    }

    public IReadOnlyList<BigInteger> Coefficients => _coefficients;

    public IReadOnlyList<CoefficientCommitment> Commit() => Commit(P256.RandomNonZeroScalar);

    /// <summary>With supplied proof nonces (deterministic test vectors only).</summary>
    internal IReadOnlyList<CoefficientCommitment> Commit(Func<BigInteger> nonce) =>
        _coefficients.Select((a, j) => CoefficientCommitment.Prove(Ceremony, Guardian, j, a, nonce())).ToArray();

    /// <summary>P_i(ℓ) mod n (Horner).</summary>
    public BigInteger ShareFor(int recipient)
    {
        if (!Ceremony.IsGuardian(recipient))
            throw new ArgumentException(TrusteeErrors.BadGuardianIndex, nameof(recipient));
        var x = BigInteger.ValueOf(recipient);
        var value = BigInteger.Zero;
        for (var j = _coefficients.Length - 1; j >= 0; j--)
            value = P256.Mod(value.Multiply(x).Add(_coefficients[j]));
        return value;
    }

    /// <summary>
    /// Σ_j ℓ^j·K_j: what P(ℓ)·G must equal, from public commitments alone (Horner on points). Public values and a
    /// one-off point at each step, so a plain multiplication: the comb's table would be built and thrown away.
    /// </summary>
    public static ECPoint EvaluateCommitments(IReadOnlyList<ECPoint> commitments, int at)
    {
        var x = BigInteger.ValueOf(at);
        var value = commitments[^1];
        for (var j = commitments.Count - 2; j >= 0; j--)
            value = value.Multiply(x).Add(commitments[j]);
        return value.Normalize();
    }

    /// <summary>Guardian ℓ's check of the share guardian i sent it: P_i(ℓ)·G = Σ_j ℓ^j·K_{i,j}.</summary>
    public static bool ShareMatches(BigInteger share, int recipient, IReadOnlyList<ECPoint> senderCommitments) =>
        ChaumPedersen.IsScalar(share) && share.SignValue > 0
        && P256.MultiplyG(share).Normalize().Equals(EvaluateCommitments(senderCommitments, recipient));
}
