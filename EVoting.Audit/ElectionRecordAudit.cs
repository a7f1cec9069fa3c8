using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Audit;

/// <summary>
/// Checks an election's record from the chain alone (docs/trustees.md "The election record on chain"): the ceremony
/// record election_open carries (every coefficient proof, K = Σ K_{i,0} and the election's key, every K*_ℓ), and the
/// election_tally's threshold results against the ballots the auditor summed: the total, each candidate's (A, B),
/// every partial decryption in S against K*_ℓ, the combination and T·K = B − D. No API and no secret involved.
/// </summary>
public static class ElectionRecordAudit
{
    /// <summary>Every problem found, each naming the election; empty when the record verifies.</summary>
    public static IReadOnlyList<string> Check(AuditedElection audited)
    {
        var id = audited.Election.Id;
        var errors = new List<string>();
        if (audited.Ceremony.Length > 0 && TrusteeVerifier.VerifyCeremony(audited.Ceremony) is { } ceremonyError)
            errors.Add($"election {id}: the ceremony record on chain does not verify: {ceremonyError}");
        if (audited.Tally is not { } tally)
            return errors;
        if (audited.Ceremony.Length == 0)
        {
            errors.Add($"election {id}: an election_tally is on chain but its election_open carries no ceremony record to check it against");
            return errors;
        }
        var sums = audited.Aggregate
            ?? throw new InvalidOperationException("a tally check needs the ballots' sums: audit the chain with sumBallots");
        if (tally.TotalBallots != audited.ValidBallotCount)
            errors.Add($"election {id}: election_tally counts {tally.TotalBallots} ballots but the chain holds {audited.ValidBallotCount} valid ballots");
        IReadOnlyList<ThresholdCandidateResult> results;
        try
        {
            results = ThresholdJson.ParseResults(tally.Results);
        }
        catch (BallotFormatException e)
        {
            errors.Add($"election {id}: election_tally's results do not parse: {e.Reason}");
            return errors;
        }
        for (var i = 0; i < Math.Min(results.Count, audited.Election.Candidates); i++)
        {
            if (!results[i].A.Equals(sums.A[i]) || !results[i].B.Equals(sums.B[i]))
                errors.Add($"election {id} candidate {i + 1}: election_tally's aggregate is not the sum of the ballots on chain");
        }
        if (TrusteeVerifier.VerifyThresholdResults(audited.Election, audited.Ceremony, tally.Results) is { } reason)
            errors.Add($"election {id}: election_tally does not verify: {reason}");
        return errors;
    }

    /// <summary>The counts of a tally on chain, in candidate order (parse only: call <see cref="Check"/> first).</summary>
    public static IReadOnlyList<ThresholdCandidateResult> Results(AuditedElection audited) =>
        audited.Tally is { } tally ? ThresholdJson.ParseResults(tally.Results) : [];
}
