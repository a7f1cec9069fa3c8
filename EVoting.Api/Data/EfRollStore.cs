using System.Text;
using EVoting.Api.Roll;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EVoting.Api.Data;

public sealed class EfRollStore(EVotingDbContext db) : IRollStore
{
    public async Task<(RollReplace Result, int Entries)> ReplaceAsync(int electionId, IAsyncEnumerable<string> identifiers, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row lock keeps a concurrent upload out until this one commits or rolls back.
        var status = await db.Database
            .SqlQuery<string>($"SELECT status AS Value FROM election WHERE id = {electionId} FOR UPDATE")
            .SingleAsync(ct);
        if (ElectionStatusText.Parse(status) != ElectionStatus.Draft)
            return (RollReplace.NotDraft, 0);
        if (await db.ElectionEvents.AnyAsync(e => e.ElectionId == electionId && e.Kind == ChainEventKind.Open, ct))
            return (RollReplace.Opening, 0);
        if (await db.RollEntries.AnyAsync(r => r.ElectionId == electionId && r.VoterId != null, ct))
            return (RollReplace.CodesUsed, 0);
        await db.RollEntries.Where(r => r.ElectionId == electionId).ExecuteDeleteAsync(ct);

        var entries = 0;
        var batch = new List<string>(RollLimits.BatchSize);
        await foreach (var identifier in identifiers.WithCancellation(ct))
        {
            batch.Add(identifier);
            if (batch.Count == RollLimits.BatchSize)
            {
                entries += await InsertAsync(electionId, batch, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            entries += await InsertAsync(electionId, batch, ct);
        await db.Elections.Where(e => e.Id == electionId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.RollEntries, entries)
            .SetProperty(e => e.RollCodesIssuedAt, (DateTime?)null)
            .SetProperty(e => e.RollCodesExpireAt, (DateTime?)null), ct);
        await tx.CommitAsync(ct);
        return (RollReplace.Replaced, entries);
    }

    /// <summary>One multi-row INSERT IGNORE: a duplicate (of this upload) is dropped by the unique index; returns the rows inserted.</summary>
    private Task<int> InsertAsync(int electionId, List<string> identifiers, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT IGNORE INTO roll_entry (election_id, identifier) VALUES ");
        var parameters = new List<MySqlParameter>(identifiers.Count + 1) { new("@e", electionId) };
        for (var i = 0; i < identifiers.Count; i++)
        {
            sql.Append(i == 0 ? "" : ",").Append("(@e,@p").Append(i).Append(')');
            parameters.Add(new MySqlParameter("@p" + i, identifiers[i]));
        }
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }

    public async Task<bool> MarkCodesIssuedAsync(int electionId, DateTime issuedAt, DateTime expiresAt, CancellationToken ct) =>
        await db.Elections.Where(e => e.Id == electionId && e.RollCodesIssuedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.RollCodesIssuedAt, issuedAt)
            .SetProperty(e => e.RollCodesExpireAt, expiresAt), ct) == 1;

    public async Task<IReadOnlyList<(long Id, string Identifier)>> EntriesAsync(int electionId, long afterId, int count, CancellationToken ct) =>
        (await db.RollEntries.AsNoTracking()
            .Where(r => r.ElectionId == electionId && r.Id > afterId)
            .OrderBy(r => r.Id).Take(count)
            .Select(r => new { r.Id, r.Identifier })
            .ToListAsync(ct))
        .Select(r => (r.Id, r.Identifier)).ToList();

    public Task SetCodeHashesAsync(IReadOnlyList<(long Id, byte[] Hash)> codes, CancellationToken ct)
    {
        var sql = new StringBuilder("UPDATE roll_entry SET code_hash = CASE id");
        var parameters = new List<MySqlParameter>(codes.Count * 2);
        for (var i = 0; i < codes.Count; i++)
        {
            sql.Append(" WHEN @i").Append(i).Append(" THEN @h").Append(i);
            parameters.Add(new MySqlParameter("@i" + i, codes[i].Id));
            parameters.Add(new MySqlParameter("@h" + i, codes[i].Hash));
        }
        sql.Append(" END WHERE id IN (").AppendJoin(',', Enumerable.Range(0, codes.Count).Select(i => "@i" + i)).Append(')');
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }

    public Task<CodeMatch?> FindByCodeHashAsync(byte[] hash, CancellationToken ct) =>
        (from r in db.RollEntries.AsNoTracking()
         where r.CodeHash == hash
         join e in db.Elections on r.ElectionId equals e.Id
         select new CodeMatch(r.Id, r.ElectionId, r.VoterId, e.RollCodesExpireAt)).SingleOrDefaultAsync(ct);

    public async Task<RollClaim> ClaimAsync(CodeMatch code, int voterId, DateTime now, CancellationToken ct)
    {
        try
        {
            // Only an unused entry changes hands: of two concurrent claims one updates a row, the other none.
            var claimed = await db.RollEntries.Where(r => r.Id == code.EntryId && r.VoterId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.VoterId, voterId).SetProperty(r => r.EnrolledAt, now), ct);
            return claimed == 1 ? RollClaim.Claimed : RollClaim.CodeUsed;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            // The unique (election_id, voter_id) index: the account already holds another entry of this roll.
            return RollClaim.AlreadyEnrolled;
        }
    }

    public async Task<RollClaim> AddVoterAndClaimAsync(Voter voter, CodeMatch code, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Voters.AnyAsync(v => v.Email == voter.Email, ct))
            return RollClaim.EmailTaken;
        db.Voters.Add(voter);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.Entry(voter).State = EntityState.Detached;
            return RollClaim.EmailTaken;
        }
        var claim = await ClaimAsync(code, voter.Id, now, ct);
        if (claim != RollClaim.Claimed)
        {
            await tx.RollbackAsync(ct);
            db.Entry(voter).State = EntityState.Detached;
            return claim;
        }
        await tx.CommitAsync(ct);
        return RollClaim.Claimed;
    }

    public Task<bool> IsEnrolledAsync(int electionId, int voterId, CancellationToken ct) =>
        db.RollEntries.AnyAsync(r => r.ElectionId == electionId && r.VoterId == voterId, ct);

    public async Task<IReadOnlySet<int>> ElectionsEnrolledInAsync(int voterId, CancellationToken ct) =>
        (await db.RollEntries.Where(r => r.VoterId == voterId).Select(r => r.ElectionId).ToListAsync(ct)).ToHashSet();
}
