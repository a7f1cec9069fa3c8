using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Chain;

namespace EVoting.Tests.Api.Services;

/// <summary>The election store's contract kept in memory: entities are shared references, as tracked entities are.</summary>
internal sealed class InMemoryElectionStore : IElectionStore
{
    public Dictionary<int, ElectionRecord> Elections { get; } = new();
    public List<ElectionEvent> Events { get; } = [];
    public Dictionary<int, TallyResult> Tallies { get; } = new();

    /// <summary>The vote store whose rows count as accepted votes (set by <see cref="InMemoryVoteStore"/>).</summary>
    public InMemoryVoteStore? Votes { get; set; }

    public Task<ElectionRecord?> FindAsync(int id, CancellationToken ct) => Task.FromResult(Elections.GetValueOrDefault(id));

    public Task<bool> ExistsAsync(int id, CancellationToken ct) => Task.FromResult(Elections.ContainsKey(id));

    public Task<IReadOnlyList<ElectionRecord>> ListAsync(bool openOnly, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ElectionRecord>>(
            Elections.Values.Where(e => !openOnly || e.Status == ElectionStatus.Open).OrderBy(e => e.Id).ToList());

    public Task CreateAsync(ElectionRecord election, Action<ElectionRecord> bindToId, CancellationToken ct)
    {
        election.Id = Elections.Count + 1;
        for (var i = 0; i < election.Candidates.Count; i++)
        {
            election.Candidates[i].Id = election.Id * 100 + i;
            election.Candidates[i].ElectionId = election.Id;
        }
        bindToId(election);
        Elections[election.Id] = election;
        return Task.CompletedTask;
    }

    public Task SaveAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<bool> CloseIfOpenAsync(int id, DateTime closedAt, CancellationToken ct)
    {
        if (Elections.GetValueOrDefault(id) is not { Status: ElectionStatus.Open } election)
            return Task.FromResult(false);
        election.Status = ElectionStatus.Closed;
        election.ClosedAt = closedAt;
        return Task.FromResult(true);
    }

    public Task<ElectionEvent> EnsureEventAsync(int electionId, string kind, Func<Transaction> build, DateTime createdAt, CancellationToken ct)
    {
        if (Events.SingleOrDefault(e => e.ElectionId == electionId && e.Kind == kind) is { } existing)
            return Task.FromResult(existing);
        var tx = build();
        var evt = new ElectionEvent
        {
            Id = Events.Count + 1, ElectionId = electionId, Kind = kind, TxHash = tx.Hash.ToString(),
            Payload = TransactionJson.Serialize(tx), CreatedAt = createdAt,
        };
        Events.Add(evt);
        return Task.FromResult(evt);
    }

    public Task<ElectionEvent?> ReadEventAsync(int electionId, string kind, CancellationToken ct) =>
        Task.FromResult(Events.SingleOrDefault(e => e.ElectionId == electionId && e.Kind == kind));

    public Task<TallyResult?> FindTallyAsync(int electionId, CancellationToken ct) => Task.FromResult(Tallies.GetValueOrDefault(electionId));

    public Task<TallyResult> StoreTallyAsync(ElectionRecord election, TallyResult tally, CancellationToken ct)
    {
        election.Status = ElectionStatus.Tallied;
        if (!Tallies.TryAdd(election.Id, tally))
            return Task.FromResult(Tallies[election.Id]);
        return Task.FromResult(tally);
    }

    public Task<int> CountUnsettledVotesAsync(int electionId, CancellationToken ct) =>
        Task.FromResult(Votes?.Rows.Count(v => v.ElectionId == electionId && v.Status is TxStatus.Pending or TxStatus.Included) ?? 0);
}
