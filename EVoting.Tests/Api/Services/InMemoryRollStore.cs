using EVoting.Api.Data;
using EVoting.Api.Roll;

namespace EVoting.Tests.Api.Services;

/// <summary>Rolls kept in memory with the database's rules: identifiers unique per election, one entry per account and election, a code used once.</summary>
internal sealed class InMemoryRollStore(InMemoryElectionStore elections, InMemoryVoterStore voters) : IRollStore
{
    private long _nextId;

    public List<RollEntry> Entries { get; } = [];

    public async Task<(RollReplace Result, int Entries)> ReplaceAsync(int electionId, IAsyncEnumerable<string> identifiers, CancellationToken ct)
    {
        var election = elections.Elections[electionId];
        if (election.Status != ElectionStatus.Draft)
            return (RollReplace.NotDraft, 0);
        if (Entries.Any(e => e.ElectionId == electionId && e.VoterId is not null))
            return (RollReplace.CodesUsed, 0);
        var fresh = new List<RollEntry>();
        await foreach (var identifier in identifiers.WithCancellation(ct))
        {
            if (fresh.All(e => e.Identifier != identifier))
                fresh.Add(new RollEntry { Id = ++_nextId, ElectionId = electionId, Identifier = identifier });
        }
        Entries.RemoveAll(e => e.ElectionId == electionId);
        Entries.AddRange(fresh);
        (election.RollEntries, election.RollCodesIssuedAt, election.RollCodesExpireAt) = (fresh.Count, null, null);
        return (RollReplace.Replaced, fresh.Count);
    }

    public Task<bool> MarkCodesIssuedAsync(int electionId, DateTime issuedAt, DateTime expiresAt, CancellationToken ct)
    {
        var election = elections.Elections[electionId];
        if (election.RollCodesIssuedAt is not null)
            return Task.FromResult(false);
        (election.RollCodesIssuedAt, election.RollCodesExpireAt) = (issuedAt, expiresAt);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<(long Id, string Identifier)>> EntriesAsync(int electionId, long afterId, int count, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(long, string)>>(Entries.Where(e => e.ElectionId == electionId && e.Id > afterId)
            .OrderBy(e => e.Id).Take(count).Select(e => (e.Id, e.Identifier)).ToList());

    public Task SetCodeHashesAsync(IReadOnlyList<(long Id, byte[] Hash)> codes, CancellationToken ct)
    {
        foreach (var (id, hash) in codes)
            Entries.Single(e => e.Id == id).CodeHash = hash;
        return Task.CompletedTask;
    }

    public Task<CodeMatch?> FindByCodeHashAsync(byte[] hash, CancellationToken ct) =>
        Task.FromResult(Entries.SingleOrDefault(e => e.CodeHash is { } h && h.AsSpan().SequenceEqual(hash)) is { } e
            ? new CodeMatch(e.Id, e.ElectionId, e.VoterId, elections.Elections[e.ElectionId].RollCodesExpireAt)
            : null);

    public Task<RollClaim> ClaimAsync(CodeMatch code, int voterId, DateTime now, CancellationToken ct)
    {
        var entry = Entries.Single(e => e.Id == code.EntryId);
        if (entry.VoterId is not null)
            return Task.FromResult(RollClaim.CodeUsed);
        if (Entries.Any(e => e.ElectionId == entry.ElectionId && e.VoterId == voterId))
            return Task.FromResult(RollClaim.AlreadyEnrolled);
        (entry.VoterId, entry.EnrolledAt) = (voterId, now);
        return Task.FromResult(RollClaim.Claimed);
    }

    public async Task<RollClaim> AddVoterAndClaimAsync(Voter voter, CodeMatch code, DateTime now, CancellationToken ct)
    {
        if (Entries.Single(e => e.Id == code.EntryId).VoterId is not null)
            return RollClaim.CodeUsed;
        if (!await voters.AddAsync(voter, ct))
            return RollClaim.EmailTaken;
        return await ClaimAsync(code, voter.Id, now, ct);
    }

    public Task<bool> IsEnrolledAsync(int electionId, int voterId, CancellationToken ct) =>
        Task.FromResult(Entries.Any(e => e.ElectionId == electionId && e.VoterId == voterId));

    public Task<IReadOnlySet<int>> ElectionsEnrolledInAsync(int voterId, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<int>>(Entries.Where(e => e.VoterId == voterId).Select(e => e.ElectionId).ToHashSet());
}
