using EVoting.Api.Elections;
using EVoting.Chain;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EfElectionStore(EVotingDbContext db) : IElectionStore
{
    public Task<ElectionRecord?> FindAsync(int id, CancellationToken ct) =>
        db.Elections.Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);

    public Task<bool> ExistsAsync(int id, CancellationToken ct) => db.Elections.AnyAsync(e => e.Id == id, ct);

    public async Task<IReadOnlyList<ElectionRecord>> ListAsync(bool openOnly, CancellationToken ct)
    {
        var query = db.Elections.AsNoTracking();
        if (openOnly)
            query = query.Where(e => e.Status == ElectionStatus.Open);
        return await query.Include(e => e.Candidates).OrderBy(e => e.Id).ToListAsync(ct);
    }

    public async Task CreateAsync(ElectionRecord election, Action<ElectionRecord> bindToId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Elections.Add(election);
        await db.SaveChangesAsync(ct);
        bindToId(election);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    public async Task<bool> CloseIfOpenAsync(int id, DateTime closedAt, CancellationToken ct)
    {
        // The exclusive row lock waits for in-flight submissions (which hold a shared lock on the
        // election row, see EfVoteStore.AdmitAsync), so once this commits no further vote is accepted.
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE election SET status = {ElectionStatus.Closed.Text()}, closed_at = {closedAt} WHERE id = {id} AND status = {ElectionStatus.Open.Text()}", ct);
        // A tracked copy read before the update would still say open.
        if (db.ChangeTracker.Entries<ElectionRecord>().FirstOrDefault(e => e.Entity.Id == id) is { } tracked)
            await tracked.ReloadAsync(ct);
        return changed > 0;
    }

    public async Task<ElectionEvent> EnsureEventAsync(int electionId, string kind, Func<Transaction> build, DateTime createdAt, CancellationToken ct)
    {
        var existing = await db.ElectionEvents.SingleOrDefaultAsync(e => e.ElectionId == electionId && e.Kind == kind, ct);
        if (existing is not null)
            return existing;
        var tx = build();
        var evt = new ElectionEvent
        {
            ElectionId = electionId, Kind = kind, TxHash = tx.Hash.ToString(), Payload = TransactionJson.Serialize(tx), CreatedAt = createdAt,
        };
        db.ElectionEvents.Add(evt);
        try
        {
            await db.SaveChangesAsync(ct);
            return evt;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A concurrent request created it first: use that one, so only one transaction exists.
            db.Entry(evt).State = EntityState.Detached;
            return await db.ElectionEvents.SingleAsync(e => e.ElectionId == electionId && e.Kind == kind, ct);
        }
    }

    public Task<ElectionEvent?> ReadEventAsync(int electionId, string kind, CancellationToken ct) =>
        db.ElectionEvents.AsNoTracking().SingleOrDefaultAsync(e => e.ElectionId == electionId && e.Kind == kind, ct);

    public Task<TallyResult?> FindTallyAsync(int electionId, CancellationToken ct) =>
        db.TallyResults.AsNoTracking().SingleOrDefaultAsync(t => t.ElectionId == electionId, ct);

    public async Task<TallyResult> StoreTallyAsync(ElectionRecord election, TallyResult tally, CancellationToken ct)
    {
        db.TallyResults.Add(tally);
        election.Status = ElectionStatus.Tallied;
        try
        {
            await db.SaveChangesAsync(ct);
            return tally;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            election.Status = ElectionStatus.Tallied;
            return await db.TallyResults.AsNoTracking().SingleAsync(t => t.ElectionId == election.Id, ct);
        }
    }

    public Task<int> CountUnsettledVotesAsync(int electionId, CancellationToken ct) =>
        db.VoteTransactions.CountAsync(v => v.ElectionId == electionId && v.Status != TxStatus.Final && v.Status != TxStatus.Rejected, ct);
}
