using EVoting.Api.Votes;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfVoteStore(EVotingDbContext db) : IVoteStore
{
    public Task<VoteTransaction?> FindAsync(int voterId, int electionId, CancellationToken ct) =>
        db.VoteTransactions.AsNoTracking().SingleOrDefaultAsync(v => v.VoterId == voterId && v.ElectionId == electionId, ct);

    public Task<VoteTransaction?> FindByTxHashAsync(string txHash, CancellationToken ct) =>
        db.VoteTransactions.AsNoTracking().SingleOrDefaultAsync(v => v.TxHash == txHash, ct);

    public async Task<IReadOnlySet<int>> ElectionsVotedInAsync(int voterId, CancellationToken ct) =>
        (await db.VoteTransactions.Where(v => v.VoterId == voterId).Select(v => v.ElectionId).ToListAsync(ct)).ToHashSet();

    public async Task<IReadOnlyDictionary<string, string>> SubmitVerdictsAsync(IReadOnlyList<string> txHashes, CancellationToken ct)
    {
        var hashes = txHashes.ToList(); // a List: EF Core 9 cannot translate MemoryExtensions.Contains on an array (C# 14)
        return await (from v in db.VoteTransactions
                      join e in db.Elections on v.ElectionId equals e.Id
                      where hashes.Contains(v.TxHash)
                      select new { v.TxHash, e.PublicKey })
            .ToDictionaryAsync(r => r.TxHash, r => r.PublicKey, StringComparer.OrdinalIgnoreCase, ct);
    }

    // Concurrent submits of one voter can deadlock on the unique index; InnoDB undoes one, which tries again (and then
    // sees the winner's row).
    public Task<VoteAdmission> AdmitAsync(VoteTransaction row, CancellationToken ct) =>
        db.RetryOnLockConflictAsync(() => AdmitOnceAsync(row, ct), () => row.Id = 0, ct);

    /// <summary>One database transaction under a shared lock on the election row, so a concurrent close waits for it.</summary>
    private async Task<VoteAdmission> AdmitOnceAsync(VoteTransaction row, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var status = await db.Database
            .SqlQuery<string>($"SELECT status AS Value FROM election WHERE id = {row.ElectionId} LOCK IN SHARE MODE")
            .SingleAsync(ct);
        if (ElectionStatusText.Parse(status) is var parsed && parsed != ElectionStatus.Open)
            return new VoteAdmission.ElectionNotOpen(parsed);
        // Under the shared lock, which a post to the spoiled list waits for (EfSpoiledBallotStore): never both.
        if (await db.SpoiledBallots.AnyAsync(s => s.ElectionId == row.ElectionId && s.BallotHash == row.BallotHash, ct))
            return new VoteAdmission.Spoiled();
        db.VoteTransactions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.Entry(row).State = EntityState.Detached;
            return new VoteAdmission.Stored();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await transaction.RollbackAsync(ct);
            db.Entry(row).State = EntityState.Detached;
            var winner = await db.VoteTransactions.AsNoTracking().SingleAsync(v => v.VoterId == row.VoterId && v.ElectionId == row.ElectionId, ct);
            return new VoteAdmission.AlreadyVoted(winner);
        }
    }

    public Task RecordSendAsync(int rowId, string? acceptedBy, string? error, CancellationToken ct) =>
        // Only the send's own columns: by now the outbox sender may already have marked the row
        // included or final, and writing the whole row back would undo that.
        db.VoteTransactions.Where(v => v.Id == rowId).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Attempts, v => v.Attempts + 1)
            .SetProperty(v => v.AcceptedBy, v => v.AcceptedBy ?? acceptedBy)
            .SetProperty(v => v.LastError, error), ct);
}
