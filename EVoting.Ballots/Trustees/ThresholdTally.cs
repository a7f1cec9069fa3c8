using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// One candidate's published threshold decryption: the aggregate (A, B), every partial decryption posted, the set
/// S combined, and the count T with T·K = B − D (docs/trustees.md "Decryption of a tally").
/// </summary>
public sealed record ThresholdCandidateResult(ECPoint A, ECPoint B, IReadOnlyList<PartialDecryption> Shares, IReadOnlyList<int> Set, long Count);

/// <summary>Combines guardians' partial decryptions into counts, and checks a published result from public values alone.</summary>
public static class ThresholdTally
{
    /// <summary>
    /// Verifies every share against its guardian's K*_ℓ, uses the first q that verify, and recovers each count.
    /// Throws <see cref="BallotFormatException"/> when fewer than q verify for a candidate.
    /// </summary>
    public static IReadOnlyList<ThresholdCandidateResult> Combine(Election election, CeremonyResult ceremony, EncryptedTally tally,
        IReadOnlyList<IReadOnlyList<PartialDecryption>> sharesByCandidate)
    {
        var recovery = new CountRecovery(election.Key, tally.BallotCount);
        var results = new ThresholdCandidateResult[election.Candidates];
        for (var i = 0; i < election.Candidates; i++)
        {
            var (a, b) = (tally.A[i], tally.B[i]);
            var posted = sharesByCandidate[i];
            var valid = posted.Where(s => ceremony.Ceremony.IsGuardian(s.Guardian) && s.Verify(election, ceremony.VerificationKey(s.Guardian), a, b) is null)
                .DistinctBy(s => s.Guardian).Take(ceremony.Ceremony.Quorum).ToArray();
            var d = LagrangeCombination.Combine(valid, ceremony.Ceremony.Quorum);
            var count = recovery.Solve(b.Subtract(d))
                ?? throw new InvalidOperationException($"candidate {i + 1}: count is not in [0, {tally.BallotCount}]");
            results[i] = new ThresholdCandidateResult(a, b, posted, valid.Select(s => s.Guardian).ToArray(), count);
        }
        return results;
    }

    /// <summary>Null when every share in S verifies, S has q distinct guardians, and T·K = B − D; else why not.</summary>
    public static string? Verify(Election election, CeremonyResult ceremony, ThresholdCandidateResult result)
    {
        var used = new List<PartialDecryption>();
        foreach (var guardian in result.Set)
        {
            if (!ceremony.Ceremony.IsGuardian(guardian))
                return TrusteeErrors.BadGuardianIndex;
            var share = result.Shares.FirstOrDefault(s => s.Guardian == guardian);
            if (share is null)
                return TrusteeErrors.TooFewShares;
            if (share.Verify(election, ceremony.VerificationKey(guardian), result.A, result.B) is { } error)
                return error;
            used.Add(share);
        }
        ECPoint d;
        try
        {
            d = LagrangeCombination.Combine(used, ceremony.Ceremony.Quorum);
        }
        catch (BallotFormatException e)
        {
            return e.Reason;
        }
        if (result.Count < 0)
            return BallotErrors.CountMismatch;
        var expected = P256.MultiplyFixed(election.Key, Org.BouncyCastle.Math.BigInteger.ValueOf(result.Count));
        return expected.Equals(result.B.Subtract(d)) ? null : BallotErrors.CountMismatch;
    }
}
