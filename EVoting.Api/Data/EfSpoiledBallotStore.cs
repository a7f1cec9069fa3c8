using EVoting.Api.Challenges;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfSpoiledBallotStore(EVotingDbContext db) : ISpoiledBallotStore
{
    public Task<SpoiledAdmission> AddAsync(SpoiledBallot row, int maxPerElection, CancellationToken ct) =>
        db.RetryOnLockConflictAsync(() => AddOnceAsync(row, maxPerElection, ct), () => row.Id = 0, ct);

    /// <summary>
    /// One database transaction under an exclusive lock on the election row. Vote admission holds a shared lock on the
    /// same row while it checks this table and inserts the vote (EfVoteStore), so the two never interleave: whichever
    /// commits first, the other sees its row.
    /// </summary>
    private async Task<SpoiledAdmission> AddOnceAsync(SpoiledBallot row, int maxPerElection, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var status = ElectionStatusText.Parse(await db.Database
            .SqlQuery<string>($"SELECT status AS Value FROM election WHERE id = {row.ElectionId} FOR UPDATE")
            .SingleAsync(ct));
        if (await db.SpoiledBallots.AsNoTracking().SingleOrDefaultAsync(s => s.ElectionId == row.ElectionId && s.BallotHash == row.BallotHash, ct) is { } existing)
            return new SpoiledAdmission.AlreadyPosted(existing);
        if (status != ElectionStatus.Open)
            return new SpoiledAdmission.ElectionNotOpen(status);
        if (await db.VoteTransactions.AnyAsync(v => v.ElectionId == row.ElectionId && v.BallotHash == row.BallotHash, ct))
            return new SpoiledAdmission.AlreadyCast();
        if (await db.SpoiledBallots.CountAsync(s => s.ElectionId == row.ElectionId, ct) >= maxPerElection)
            return new SpoiledAdmission.ListFull();
        db.SpoiledBallots.Add(row);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.Entry(row).State = EntityState.Detached;
        return new SpoiledAdmission.Stored(row);
    }

    public async Task<IReadOnlyList<string>> ListAsync(int electionId, int offset, int limit, CancellationToken ct) =>
        await db.SpoiledBallots.AsNoTracking().Where(s => s.ElectionId == electionId).OrderBy(s => s.Id)
            .Skip(offset).Take(limit).Select(s => s.Json).ToListAsync(ct);

}
