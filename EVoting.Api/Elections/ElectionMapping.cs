using EVoting.Api.Data;

namespace EVoting.Api.Elections;

public static class ElectionMapping
{
    /// <param name="enrolled">The caller's account is on the election's roll (false for anonymous callers and open elections).</param>
    public static ElectionResponse ToResponse(this ElectionRecord e, bool hasVoted, bool enrolled = false)
    {
        var complaints = JudgedComplaint.Parse(e.CeremonyComplaints);
        return new(
            e.Id, e.Title, e.Description, e.Status.Text(), e.StartsAt, e.EndsAt,
            e.Candidates.OrderBy(c => c.Position).Select(c => new CandidateResponse(c.Id, c.Position, c.Name, c.Description)).ToArray(),
            e.PublicKey, e.ElectionHash, e.MaxSelections, hasVoted, e.OpenedAt, e.ClosedAt, e.Guardians, e.Quorum, e.ExternalGuardians,
            Eligibility: e.Eligibility, RollEntries: e.RollEntries, Enrolled: enrolled && e.Eligibility == Eligibility.Roll,
            CeremonyRound: JudgedComplaint.RoundOf(complaints), CeremonyComplaints: complaints);
    }

    /// <summary>What EVoting.Ballots checks ballots against: id, K, k, L.</summary>
    public static Ballots.Election ToBallotElection(this ElectionRecord e) =>
        Ballots.Election.FromHex((ulong)e.Id, e.PublicKey, e.Candidates.Count, e.MaxSelections);
}
