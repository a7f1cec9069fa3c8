using EVoting.Api.Accounts;
using EVoting.Api.Data;

namespace EVoting.Tests.Api.Services;

/// <summary>Voter accounts kept in memory: emails unique, ids given on add.</summary>
internal sealed class InMemoryVoterStore : IVoterStore
{
    public List<Voter> Voters { get; } = [];
    public int Saves { get; private set; }

    public Task<Voter?> FindByEmailAsync(string email, CancellationToken ct) => Task.FromResult(Voters.SingleOrDefault(v => v.Email == email));

    public Task<Voter?> FindAsync(int id, CancellationToken ct) => Task.FromResult(Voters.SingleOrDefault(v => v.Id == id));

    public Task<bool> AddAsync(Voter voter, CancellationToken ct)
    {
        if (Voters.Any(v => v.Email == voter.Email))
            return Task.FromResult(false);
        voter.Id = Voters.Count + 1;
        Voters.Add(voter);
        return Task.FromResult(true);
    }

    public Task SaveAsync(CancellationToken ct)
    {
        Saves++;
        return Task.CompletedTask;
    }
}
