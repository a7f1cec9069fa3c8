using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The ceremony's public record, as election_open will carry it (docs/trustees.md "JSON forms"): the parameters, every
/// guardian's commitments with their proofs, and the election key K and verification keys K*_ℓ the record states.
/// Nothing in it is trusted until <see cref="Verify"/> has recomputed K and every K*_ℓ from the proved commitments.
/// </summary>
public sealed record CeremonyRecord(
    CeremonyParameters Parameters,
    IReadOnlyList<IReadOnlyList<CoefficientCommitment>> Commitments,
    ECPoint ElectionKey,
    IReadOnlyList<ECPoint> VerificationKeys)
{
    public static CeremonyRecord From(CeremonyResult result, IReadOnlyList<IReadOnlyList<CoefficientCommitment>> commitments) =>
        new(result.Ceremony, commitments, result.ElectionKey, result.VerificationKeys);

    /// <summary>
    /// Checks every commitment's proof (guardian and index order), then that the stated K is Σ_i K_{i,0} and each stated
    /// K*_ℓ is Σ_i Σ_j ℓ^j·K_{i,j}. Throws <see cref="BallotFormatException"/> with the first failure.
    /// </summary>
    public CeremonyResult Verify()
    {
        var result = CeremonyResult.FromCommitments(Parameters, Commitments);
        if (!result.ElectionKey.Equals(ElectionKey))
            throw new BallotFormatException(TrusteeErrors.ElectionKeyMismatch, "election_key");
        if (VerificationKeys.Count != Parameters.Guardians)
            throw new BallotFormatException(TrusteeErrors.VerificationKeyMismatch, "verification_keys");
        for (var l = 1; l <= Parameters.Guardians; l++)
        {
            if (!result.VerificationKey(l).Equals(VerificationKeys[l - 1]))
                throw new BallotFormatException(TrusteeErrors.VerificationKeyMismatch, $"verification_keys[{l - 1}]");
        }
        return result;
    }

    /// <summary>Guardian i's commitment points K_{i,0} … K_{i,q−1}, which a share from guardian i must match.</summary>
    public IReadOnlyList<ECPoint> CommitmentPoints(int guardian) => Commitments[guardian - 1].Select(c => c.Commitment).ToArray();
}
