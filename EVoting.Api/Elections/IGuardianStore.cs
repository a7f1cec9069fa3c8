using EVoting.Api.Data;

namespace EVoting.Api.Elections;

/// <summary>An election's guardians and the ceremony messages they posted (<see cref="Data.EfGuardianStore"/> on MariaDB). Returned rows are tracked.</summary>
public interface IGuardianStore
{
    /// <summary>The election's guardians in index order (empty when the server is the one trustee).</summary>
    Task<IReadOnlyList<ElectionGuardian>> ListAsync(int electionId, CancellationToken ct);

    /// <summary>Writes the changes made to rows this store returned.</summary>
    Task SaveAsync(CancellationToken ct);
}
