using EVoting.Api.Data;
using EVoting.Chain;

namespace EVoting.Api.Elections;

/// <summary>
/// Where elections, their chain events and their tallies are kept (<see cref="Data.EfElectionStore"/>
/// on MariaDB). Entities it returns are tracked: changes to them are written by <see cref="SaveAsync"/>.
/// </summary>
public interface IElectionStore
{
    /// <summary>The election with its candidates, or null.</summary>
    Task<ElectionRecord?> FindAsync(int id, CancellationToken ct);

    Task<bool> ExistsAsync(int id, CancellationToken ct);

    /// <summary>Every election (or every open one) with its candidates, by id.</summary>
    Task<IReadOnlyList<ElectionRecord>> ListAsync(bool openOnly, CancellationToken ct);

    /// <summary>
    /// Stores a new election atomically: it is inserted (which gives it its id), then
    /// <paramref name="bindToId"/> fills what depends on the id, and only then is it committed.
    /// </summary>
    Task CreateAsync(ElectionRecord election, Action<ElectionRecord> bindToId, CancellationToken ct);

    /// <summary>Writes the changes made to entities this store returned.</summary>
    Task SaveAsync(CancellationToken ct);

    /// <summary>
    /// Open → closed with <paramref name="closedAt"/>, atomically with respect to vote admission: once
    /// it returns, no vote of the election can still be accepted. False when it was not open.
    /// </summary>
    Task<bool> CloseIfOpenAsync(int id, DateTime closedAt, CancellationToken ct);

    /// <summary>
    /// The election's event of <paramref name="kind"/>, created from <paramref name="build"/> when there is
    /// none; concurrent callers all get the one stored.
    /// </summary>
    Task<ElectionEvent> EnsureEventAsync(int electionId, string kind, Func<Transaction> build, DateTime createdAt, CancellationToken ct);

    /// <summary>The event as it stands now (read afresh, untracked).</summary>
    Task<ElectionEvent?> ReadEventAsync(int electionId, string kind, CancellationToken ct);

    Task<TallyResult?> FindTallyAsync(int electionId, CancellationToken ct);

    /// <summary>
    /// Stores the tally and marks the election tallied; when another tally was stored first, returns
    /// that one (both come from the same final chain).
    /// </summary>
    Task<TallyResult> StoreTallyAsync(ElectionRecord election, TallyResult tally, CancellationToken ct);

    /// <summary>Accepted votes of the election that are neither final nor rejected.</summary>
    Task<int> CountUnsettledVotesAsync(int electionId, CancellationToken ct);
}
