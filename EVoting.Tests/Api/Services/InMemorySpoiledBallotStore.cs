using EVoting.Api.Challenges;
using EVoting.Api.Data;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// The spoiled list's contract kept in memory: only while the election is open, never a cast ballot's tracking code,
/// at most the cap per election, a repeat answered with the first row.
/// </summary>
internal sealed class InMemorySpoiledBallotStore : ISpoiledBallotStore
{
    private readonly InMemoryElectionStore _elections;
    private readonly InMemoryVoteStore _votes;

    public InMemorySpoiledBallotStore(InMemoryElectionStore elections, InMemoryVoteStore votes)
    {
        (_elections, _votes) = (elections, votes);
        votes.Spoiled = this;
    }

    public List<SpoiledBallot> Rows { get; } = [];

    public bool Contains(int electionId, string ballotHash) => Rows.Any(s => s.ElectionId == electionId && s.BallotHash == ballotHash);

    public Task<SpoiledAdmission> AddAsync(SpoiledBallot row, int maxPerElection, CancellationToken ct)
    {
        if (Rows.SingleOrDefault(s => s.ElectionId == row.ElectionId && s.BallotHash == row.BallotHash) is { } existing)
            return Task.FromResult<SpoiledAdmission>(new SpoiledAdmission.AlreadyPosted(existing));
        var status = _elections.Elections[row.ElectionId].Status;
        if (status != ElectionStatus.Open)
            return Task.FromResult<SpoiledAdmission>(new SpoiledAdmission.ElectionNotOpen(status));
        if (_votes.Rows.Any(v => v.ElectionId == row.ElectionId && v.BallotHash == row.BallotHash))
            return Task.FromResult<SpoiledAdmission>(new SpoiledAdmission.AlreadyCast());
        if (Rows.Count(s => s.ElectionId == row.ElectionId) >= maxPerElection)
            return Task.FromResult<SpoiledAdmission>(new SpoiledAdmission.ListFull());
        row.Id = Rows.Count + 1;
        Rows.Add(row);
        return Task.FromResult<SpoiledAdmission>(new SpoiledAdmission.Stored(row));
    }

    public Task<IReadOnlyList<string>> ListAsync(int electionId, int offset, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(Rows.Where(s => s.ElectionId == electionId).Skip(offset).Take(limit).Select(s => s.Json).ToList());
}
