using EVoting.Api.Elections;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfGuardianStore(EVotingDbContext db) : IGuardianStore
{
    public async Task<IReadOnlyList<ElectionGuardian>> ListAsync(int electionId, CancellationToken ct) =>
        await db.ElectionGuardians.Where(g => g.ElectionId == electionId).OrderBy(g => g.Index).ToListAsync(ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
}
