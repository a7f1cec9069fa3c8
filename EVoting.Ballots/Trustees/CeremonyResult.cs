using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// What the ceremony's public record fixes once every share was accepted: the election key K = Σ_i K_{i,0} and
/// each guardian's verification key K*_ℓ = Σ_i Σ_j ℓ^j·K_{i,j}, from the commitments alone (docs/trustees.md).
/// </summary>
public sealed class CeremonyResult
{
    private CeremonyResult(CeremonyParameters ceremony, ECPoint electionKey, IReadOnlyList<ECPoint> verificationKeys)
    {
        Ceremony = ceremony;
        ElectionKey = electionKey;
        VerificationKeys = verificationKeys;
    }

    public CeremonyParameters Ceremony { get; }

    public ECPoint ElectionKey { get; }

    /// <summary>K*_1 … K*_g (index ℓ − 1).</summary>
    public IReadOnlyList<ECPoint> VerificationKeys { get; }

    public ECPoint VerificationKey(int guardian) => VerificationKeys[guardian - 1];

    /// <summary>
    /// Checks every commitment's proof (all g guardians, q each, in guardian and index order) and derives the keys;
    /// throws <see cref="BallotFormatException"/> naming what is wrong.
    /// </summary>
    public static CeremonyResult FromCommitments(CeremonyParameters ceremony, IReadOnlyList<IReadOnlyList<CoefficientCommitment>> commitments)
    {
        if (commitments.Count != ceremony.Guardians)
            throw new BallotFormatException(TrusteeErrors.WrongCommitmentCount, "guardians");
        for (var i = 0; i < ceremony.Guardians; i++)
        {
            if (commitments[i].Count != ceremony.Quorum)
                throw new BallotFormatException(TrusteeErrors.WrongCommitmentCount, $"guardian {i + 1}");
            for (var j = 0; j < ceremony.Quorum; j++)
            {
                var commitment = commitments[i][j];
                if (commitment.Guardian != i + 1 || commitment.Index != j)
                    throw new BallotFormatException(TrusteeErrors.BadGuardianIndex, $"guardian {i + 1} coefficient {j}");
                if (commitment.Verify(ceremony) is { } error)
                    throw new BallotFormatException(error, $"guardian {i + 1} coefficient {j}");
            }
        }
        var points = commitments.Select(c => (IReadOnlyList<ECPoint>)c.Select(k => k.Commitment).ToArray()).ToArray();
        var electionKey = points.Select(p => p[0]).Aggregate((a, b) => a.Add(b)).Normalize();
        if (electionKey.IsInfinity)
            throw new BallotFormatException(BallotErrors.PointInfinity, "election key");
        var verificationKeys = Enumerable.Range(1, ceremony.Guardians)
            .Select(l => points.Select(p => GuardianPolynomial.EvaluateCommitments(p, l)).Aggregate((a, b) => a.Add(b)).Normalize())
            .ToArray();
        return new CeremonyResult(ceremony, electionKey, verificationKeys);
    }
}
