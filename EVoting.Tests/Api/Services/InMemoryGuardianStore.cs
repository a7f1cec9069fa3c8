using EVoting.Api.Data;
using EVoting.Api.Elections;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// The guardian store's contract kept in memory: an election's guardian rows are the ones its creation attached, shared
/// references as tracked entities are; a save refuses two rows of one election with one index, as MariaDB's unique index
/// does row by row; serialized work runs one at a time.
/// </summary>
internal sealed class InMemoryGuardianStore(InMemoryElectionStore elections) : IGuardianStore
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public Task<IReadOnlyList<ElectionGuardian>> ListAsync(int electionId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ElectionGuardian>>(
            elections.Elections.TryGetValue(electionId, out var election) ? election.GuardianRows.OrderBy(g => g.Index).ToArray() : []);

    public Task SaveAsync(CancellationToken ct)
    {
        foreach (var election in elections.Elections.Values)
        {
            if (election.GuardianRows.GroupBy(g => g.Index).FirstOrDefault(same => same.Count() > 1) is { } duplicate)
                throw new InvalidOperationException($"Election {election.Id} has two guardians with index {duplicate.Key}.");
        }
        return Task.CompletedTask;
    }

    public async Task<T> SerializedAsync<T>(int electionId, Func<Task<T>> work, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _lock.Release();
        }
    }
}
