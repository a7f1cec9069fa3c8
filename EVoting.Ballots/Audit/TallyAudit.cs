namespace EVoting.Ballots.Audit;

/// <summary>A published tally as the API serves it (hex as in BALLOT-CRYPTO.md; "00" for the point at infinity).</summary>
public sealed record PublishedTally(
    ulong ElectionId, long TotalBallots, IReadOnlyList<long> Counts,
    IReadOnlyList<(string Alpha, string Beta)> Aggregate, IReadOnlyList<(string D, string C, string V)> Decryption);

/// <summary>
/// Checks a published tally against the chain: the aggregate equals the sum of the valid ballots
/// the auditor found on chain, every Chaum-Pedersen decryption proof verifies, and each count
/// satisfies T·K = B − D. No secret and no discrete logarithm are needed.
/// </summary>
public static class TallyAudit
{
    public static IReadOnlyList<string> Check(AuditedElection audited, PublishedTally published)
    {
        var errors = new List<string>();
        var election = audited.Election;
        var k = election.Candidates;
        var id = election.Id;
        if (!audited.Closed)
            errors.Add($"election {id}: the chain has no election_close for it, yet a tally is published");
        if (published.TotalBallots != audited.ValidBallots.Count)
            errors.Add($"election {id}: published total_ballots {published.TotalBallots} but the chain holds {audited.ValidBallots.Count} valid ballots");
        if (published.Counts.Count != k || published.Aggregate.Count != k || published.Decryption.Count != k)
        {
            errors.Add($"election {id}: the published tally does not have one entry per candidate ({k})");
            return errors;
        }
        var sums = TallyAggregator.Aggregate(election, audited.ValidBallots);
        for (var i = 0; i < k; i++)
        {
            try
            {
                var a = P256.DecodeTallyPoint(Convert.FromHexString(published.Aggregate[i].Alpha));
                var b = P256.DecodeTallyPoint(Convert.FromHexString(published.Aggregate[i].Beta));
                if (!a.Equals(sums.A[i]) || !b.Equals(sums.B[i]))
                    errors.Add($"election {id} candidate {i + 1}: the published aggregate is not the sum of the ballots on chain");
                var decryption = new CandidateDecryption(a, b,
                    P256.DecodeTallyPoint(Convert.FromHexString(published.Decryption[i].D)),
                    P256.DecodeScalar(Convert.FromHexString(published.Decryption[i].C)),
                    P256.DecodeScalar(Convert.FromHexString(published.Decryption[i].V)),
                    published.Counts[i]);
                if (DecryptionVerifier.Verify(election, decryption) is { } error)
                    errors.Add($"election {id} candidate {i + 1}: {error}");
            }
            catch (Exception ex) when (ex is FormatException or BallotFormatException or ArgumentException)
            {
                errors.Add($"election {id} candidate {i + 1}: malformed published value: {ex.Message}");
            }
        }
        return errors;
    }
}
