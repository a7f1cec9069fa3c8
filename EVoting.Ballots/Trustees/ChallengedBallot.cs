using Org.BouncyCastle.Math;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// A ballot the voter challenged instead of casting (Benaloh): the ballot with the selections m_i and nonces ξ_i
/// the browser revealed. Anyone checks α_i = ξ_i·G and β_i = (m_i + ξ_i)·K and that the proofs verify
/// (docs/trustees.md "Ballot challenge"). A challenged ballot is never cast.
/// </summary>
public sealed record ChallengedBallot(Ballot Ballot, IReadOnlyList<int> Selections, IReadOnlyList<BigInteger> Nonces)
{
    /// <summary>Null when the revealed selections and nonces are exactly what the ballot encrypts; else why not.</summary>
    public string? Verify(Election election)
    {
        if (BallotVerifier.Verify(election, Ballot) is { } error)
            return error;
        if (Selections.Count != election.Candidates || Nonces.Count != election.Candidates)
            return BallotErrors.WrongCandidateCount;
        for (var i = 0; i < election.Candidates; i++)
        {
            var (m, xi) = (Selections[i], Nonces[i]);
            if (m is not (0 or 1) || xi.SignValue <= 0 || xi.CompareTo(P256.N) >= 0)
                return TrusteeErrors.SpoiledNonceMismatch;
            var ciphertext = Ballot.Ciphertexts[i];
            if (!P256.MultiplyG(xi).Equals(ciphertext.Alpha)
                || !P256.MultiplyFixed(election.Key, P256.Mod(xi.Add(BigInteger.ValueOf(m)))).Equals(ciphertext.Beta))
                return TrusteeErrors.SpoiledNonceMismatch;
        }
        return null;
    }
}
