using EVoting.Api.Accounts;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfVoterStore(EVotingDbContext db) : IVoterStore
{
    public Task<Voter?> FindByEmailAsync(string email, CancellationToken ct) => db.Voters.SingleOrDefaultAsync(v => v.Email == email, ct);

    public Task<Voter?> FindAsync(int id, CancellationToken ct) => db.Voters.SingleOrDefaultAsync(v => v.Id == id, ct);

    public async Task<bool> AddAsync(Voter voter, CancellationToken ct)
    {
        if (await db.Voters.AnyAsync(v => v.Email == voter.Email, ct))
            return false;
        db.Voters.Add(voter);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.Entry(voter).State = EntityState.Detached;
            return false;
        }
    }

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
}
