using EVoting.Api.Data;

namespace EVoting.Api.Accounts;

/// <summary>Voter accounts (<see cref="Data.EfVoterStore"/> on MariaDB). Entities it returns are tracked.</summary>
public interface IVoterStore
{
    /// <summary>The account with this (lowercase) email, or null.</summary>
    Task<Voter?> FindByEmailAsync(string email, CancellationToken ct);

    Task<Voter?> FindAsync(int id, CancellationToken ct);

    /// <summary>Adds the account; false when the email is taken (also by a concurrent registration).</summary>
    Task<bool> AddAsync(Voter voter, CancellationToken ct);

    /// <summary>Writes the changes made to entities this store returned.</summary>
    Task SaveAsync(CancellationToken ct);
}
