using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using EVoting.Api.Votes;

namespace EVoting.Api.Elections;

/// <summary>Elections as a caller sees them: with has_voted and enrolled for the caller when the request names a voter.</summary>
public sealed class ElectionQueries(IElectionStore elections, IVoteStore votes, IRollStore rolls)
{
    public async Task<ElectionResponse[]> ListAsync(bool openOnly, int? voterId, CancellationToken ct)
    {
        var list = await elections.ListAsync(openOnly, ct);
        var voted = voterId is { } id ? await votes.ElectionsVotedInAsync(id, ct) : new HashSet<int>();
        var enrolled = voterId is { } v ? await rolls.ElectionsEnrolledInAsync(v, ct) : new HashSet<int>();
        return list.Select(e => e.ToResponse(voted.Contains(e.Id), enrolled.Contains(e.Id))).ToArray();
    }

    public async Task<Outcome<ElectionResponse>> GetAsync(int id, int? voterId, CancellationToken ct)
    {
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        var voted = voterId is { } v && await votes.FindAsync(v, id, ct) is not null;
        var enrolled = voterId is { } e && await rolls.IsEnrolledAsync(id, e, ct);
        return election.ToResponse(voted, enrolled);
    }
}
