using EVoting.Api.Data;

namespace EVoting.Api.Elections;

/// <summary>An election's guardians and the ceremony messages they posted (<see cref="Data.EfGuardianStore"/> on MariaDB). Returned rows are tracked.</summary>
public interface IGuardianStore
{
    /// <summary>The election's guardian rows, removed ones included (their index is below 1); empty when the server is the one trustee.</summary>
    Task<IReadOnlyList<ElectionGuardian>> ListAsync(int electionId, CancellationToken ct);

    /// <summary>Writes the changes made to rows this store (or the election store) returned.</summary>
    Task SaveAsync(CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction under an exclusive lock on the election's row, which
    /// loads what it needs inside: a restart renumbers the guardians and discards their messages, so no other
    /// ceremony message may be judged against the state it replaces.
    /// </summary>
    Task<T> SerializedAsync<T>(int electionId, Func<Task<T>> work, CancellationToken ct);
}
