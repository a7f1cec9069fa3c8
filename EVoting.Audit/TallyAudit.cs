using EVoting.Ballots;

namespace EVoting.Audit;

/// <summary>
/// Checks a published tally against the chain: the aggregate equals the sum of the valid ballots
/// the auditor found on chain, the published total matches their number, every Chaum-Pedersen
/// decryption proof verifies and each count satisfies T·K = B − D (<see cref="TallyVerifier"/>).
/// No secret and no discrete logarithm are needed. Read the API's results with
/// <see cref="TallyJson.ParseResults"/> using the public key found on chain.
/// </summary>
public static class TallyAudit
{
    public static IReadOnlyList<string> Check(AuditedElection audited, PublishedTally published)
    {
        var sums = audited.Aggregate
            ?? throw new InvalidOperationException("a tally check needs the ballots' sums: audit the chain with sumBallots");
        var errors = new List<string>();
        var election = audited.Election;
        var id = election.Id;
        if (!audited.Closed)
            errors.Add($"election {id}: the chain has no election_close for it, yet a tally is published");
        if (published.TotalBallots != audited.ValidBallotCount)
            errors.Add($"election {id}: published total_ballots {published.TotalBallots} but the chain holds {audited.ValidBallotCount} valid ballots");
        if (published.Candidates.Count != election.Candidates)
        {
            errors.Add($"election {id}: the published tally does not have one entry per candidate ({election.Candidates})");
            return errors;
        }
        for (var i = 0; i < election.Candidates; i++)
        {
            if (!published.Candidates[i].A.Equals(sums.A[i]) || !published.Candidates[i].B.Equals(sums.B[i]))
                errors.Add($"election {id} candidate {i + 1}: the published aggregate is not the sum of the ballots on chain");
        }
        if (TallyVerifier.Verify(published with { Election = election }) is { } reason)
            errors.Add($"election {id} {reason}");
        return errors;
    }
}
