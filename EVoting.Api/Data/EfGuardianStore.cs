using EVoting.Api.Elections;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfGuardianStore(EVotingDbContext db) : IGuardianStore
{
    public async Task<IReadOnlyList<ElectionGuardian>> ListAsync(int electionId, CancellationToken ct) =>
        await db.ElectionGuardians.Where(g => g.ElectionId == electionId).OrderBy(g => g.Index).ToListAsync(ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    public Task<T> SerializedAsync<T>(int electionId, Func<Task<T>> work, CancellationToken ct) =>
        db.RetryOnLockConflictAsync(() => SerializedOnceAsync(electionId, work, ct), () => { }, ct);

    private async Task<T> SerializedOnceAsync<T>(int electionId, Func<Task<T>> work, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // No row for an unknown election: the work reports it.
        await db.Database.SqlQuery<int>($"SELECT id AS Value FROM election WHERE id = {electionId} FOR UPDATE").ToListAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }
}
