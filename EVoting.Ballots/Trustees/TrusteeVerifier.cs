using Org.BouncyCastle.Math;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The public checks of the trustee record from its JSON, each returning null or the first reason (a
/// <see cref="TrusteeErrors"/> or <see cref="BallotErrors"/> constant). The browser's frontend/lib/crypto/trustees.ts
/// runs the same checks in the same order, so both reject an input for the same reason (testdata/trustees/negative.json).
/// </summary>
public static class TrusteeVerifier
{
    /// <summary>Parses the ceremony record, checks every coefficient proof, K and every K*_ℓ.</summary>
    public static string? VerifyCeremony(string ceremonyJson) =>
        Reason(() => CeremonyJson.Parse(ceremonyJson).Verify());

    /// <summary>
    /// Checks a tally's threshold decryption against the ceremony: the ceremony itself, that it is this election's
    /// (id and K), one result per candidate, and for each result its shares in S against K*_ℓ, the combination and
    /// T·K = B − D (<see cref="ThresholdTally.Verify"/>).
    /// </summary>
    public static string? VerifyThresholdResults(Election election, string ceremonyJson, string resultsJson)
    {
        CeremonyResult ceremony;
        IReadOnlyList<ThresholdCandidateResult> results;
        try
        {
            ceremony = CeremonyJson.Parse(ceremonyJson).Verify();
            if (ceremony.Ceremony.ElectionId != election.Id)
                return BallotErrors.WrongElection;
            if (!ceremony.ElectionKey.Equals(election.Key))
                return TrusteeErrors.ElectionKeyMismatch;
            results = ThresholdJson.ParseResults(resultsJson);
        }
        catch (BallotFormatException e)
        {
            return e.Reason;
        }
        if (results.Count != election.Candidates)
            return BallotErrors.WrongCandidateCount;
        foreach (var result in results)
        {
            if (ThresholdTally.Verify(election, ceremony, result) is { } reason)
                return reason;
        }
        return null;
    }

    /// <summary>The browser's "check this encryption": the ballot's proofs, then α_i = ξ_i·G and β_i = (m_i + ξ_i)·K.</summary>
    public static string? VerifyChallengedBallot(Election election, string challengedJson)
    {
        try
        {
            var (electionId, challenged) = ChallengedBallotJson.Parse(challengedJson);
            return electionId != election.Id ? BallotErrors.WrongElection : challenged.Verify(election);
        }
        catch (BallotFormatException e)
        {
            return e.Reason;
        }
    }

    /// <summary>
    /// Guardian ℓ's check of a share it received (docs/trustees.md "Key ceremony", step 3): decrypt it with a_{ℓ,0} and
    /// check P_i(ℓ)·G = Σ_j ℓ^j·K_{i,j} against the sender's commitments in the (verified) record.
    /// </summary>
    public static (BigInteger? Share, string? Reason) OpenShare(CeremonyRecord ceremony, EncryptedShare share, BigInteger recipientSecret)
    {
        var parameters = ceremony.Parameters;
        if (!parameters.IsGuardian(share.From) || !parameters.IsGuardian(share.To) || share.From == share.To)
            return (null, TrusteeErrors.BadGuardianIndex);
        if (share.Decrypt(parameters, recipientSecret) is not { } value)
            return (null, TrusteeErrors.ShareUnreadable);
        return GuardianPolynomial.ShareMatches(value, share.To, ceremony.CommitmentPoints(share.From))
            ? (value, null)
            : (null, TrusteeErrors.ShareMismatch);
    }

    private static string? Reason(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (BallotFormatException e)
        {
            return e.Reason;
        }
    }
}
