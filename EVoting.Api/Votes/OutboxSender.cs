using System.Diagnostics;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Votes;

/// <summary>
/// The outbox's background sender. Every accepted vote (and election event) that is not final yet
/// is followed on chain: resent (same bytes) while no validator has it, marked included when a
/// validator reports its block, final once the API has verified that block's certificate. After a
/// restart it simply continues from the table, so a vote accepted just before a crash still lands.
/// It also sends each closed election's election_close transaction, once all its votes are final.
///
/// Cost under load is per block, not per vote: each pass reads the blocks that became final since
/// the last pass (each fetched and verified once) and marks the rows they hold; a row not seen in
/// them is asked about individually (receipt lookup, then resend) only once it is due for a resend,
/// counting the submit request's own send as the first.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, DatabaseReadiness readiness, ChainClient chain, FinalityTracker finality, ChainTransactions txs,
    OutboxSendLog sendLog, TimeProvider clock, ActivitySource activity, IOptions<OutboxOptions> options, ILogger<OutboxSender> log) : BackgroundService
{
    private const int MaxBlocksPerPass = 64;
    private const int MaxLookupsPerPass = 64;
    private const int LookupParallelism = 8;
    private static readonly TimeSpan DueScanInterval = TimeSpan.FromSeconds(1);
    private ulong? _scannedThrough;
    private DateTimeOffset _nextDueScan;
    private TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.IntervalMs);
    private TimeSpan ResendAfter => TimeSpan.FromMilliseconds(options.Value.ResendAfterMs);
    private int BatchSize => options.Value.BatchSize;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await readiness.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var busy = await RunOnceAsync(ct);
                if (!busy)
                    await Task.Delay(Interval, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Outbox pass failed; retrying");
                await Task.Delay(Interval, clock, ct);
            }
        }
    }

    /// <summary>One pass over the outbox; true when something moved (so the next pass starts at once).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EVotingDbContext>();
        var moved = false;

        var fresh = await ReadNewFinalBlocksAsync(ct);
        var rows = await RowsToFollowAsync(db, fresh.Keys, ct);
        // Rows not in a new block are looked up on chain (and resent) a bounded number per pass, a
        // few at a time, so a backlog of slow votes never holds up reading the next final blocks.
        var looked = new Dictionary<VoteTransaction, Update?>();
        var due = rows.Where(r => !fresh.ContainsKey(r.TxHash) && IsDue(r.TxHash, r.Status, r.SubmittedAt)).Take(MaxLookupsPerPass).ToList();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = LookupParallelism, CancellationToken = ct },
            async (row, token) =>
            {
                var update = await FollowAsync(row.TxHash, row.Payload, row.Status, row.BlockNumber, row.ElectionId,
                    VoteTraceContext.ParentOf(row), token);
                lock (looked) looked[row] = update;
            });
        foreach (var row in rows)
        {
            var update = fresh.TryGetValue(row.TxHash, out var seen) ? FinalIn(seen.Block, seen.Index) : looked.GetValueOrDefault(row);
            if (update is null)
                continue;
            moved |= update.Status != row.Status;
            row.Status = update.Status;
            row.BlockNumber = update.BlockNumber ?? row.BlockNumber;
            row.BlockHash = update.BlockHash ?? row.BlockHash;
            row.TxIndex = update.TxIndex ?? row.TxIndex;
            row.AcceptedBy ??= update.AcceptedBy;
            row.Attempts += update.Sent ? 1 : 0;
            row.LastError = update.Error ?? row.LastError;
            if (update.Status == TxStatus.Final)
                row.FinalizedAt = clock.GetUtcNow().UtcDateTime;
        }

        var events = await db.ElectionEvents.Where(e => e.Status == TxStatus.Pending || e.Status == TxStatus.Included).ToListAsync(ct);
        foreach (var evt in events)
        {
            var update = fresh.TryGetValue(evt.TxHash, out var seen)
                ? FinalIn(seen.Block, seen.Index)
                : await FollowAsync(evt.TxHash, evt.Payload, evt.Status, evt.BlockNumber, evt.ElectionId, default, ct);
            if (update is null)
                continue;
            moved |= update.Status != evt.Status;
            evt.Status = update.Status;
            evt.BlockNumber = update.BlockNumber ?? evt.BlockNumber;
            evt.AcceptedBy ??= update.AcceptedBy;
            evt.LastError = update.Error ?? evt.LastError;
            if (update.Status == TxStatus.Final)
                evt.FinalizedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);

        moved |= await SendDueClosesAsync(db, ct);
        return moved;
    }

    /// <summary>
    /// Every not-final row whose transaction is in a newly final block (however many are waiting),
    /// plus the oldest rows that are due for a look: submitted at least <see cref="ResendAfter"/> ago.
    /// </summary>
    private async Task<List<VoteTransaction>> RowsToFollowAsync(EVotingDbContext db, IEnumerable<string> freshHashes, CancellationToken ct)
    {
        var rows = new List<VoteTransaction>();
        foreach (var chunk in freshHashes.Chunk(500))
        {
            // A List, not the array: with C# 14 `array.Contains` binds to MemoryExtensions (spans), which EF Core 9 cannot translate.
            var hashes = chunk.ToList();
            rows.AddRange(await db.VoteTransactions
                .Where(v => (v.Status == TxStatus.Pending || v.Status == TxStatus.Included) && hashes.Contains(v.TxHash))
                .ToListAsync(ct));
        }
        // The scan for due rows reads many rows; under load passes run back to back, so it runs at
        // most once per DueScanInterval while new blocks are matched at every pass.
        var now = clock.GetUtcNow();
        if (now < _nextDueScan)
            return rows;
        _nextDueScan = now + DueScanInterval;
        var matched = rows.Select(r => r.Id).ToHashSet();
        var dueBefore = (now - ResendAfter).UtcDateTime;
        var due = await db.VoteTransactions
            .Where(v => (v.Status == TxStatus.Pending || v.Status == TxStatus.Included) && v.SubmittedAt <= dueBefore)
            .OrderBy(v => v.Id).Take(BatchSize).ToListAsync(ct);
        rows.AddRange(due.Where(r => !matched.Contains(r.Id)));
        return rows;
    }

    private sealed record Update(TxStatus Status, long? BlockNumber, string? BlockHash, int? TxIndex, string? AcceptedBy, bool Sent, string? Error);

    /// <summary>
    /// Transactions of the blocks that became final since the last pass, by hash. The first pass
    /// starts at the current head (older rows are found by their receipts); a long gap is skipped
    /// the same way, so one pass never reads more than <see cref="MaxBlocksPerPass"/> blocks.
    /// </summary>
    private async Task<Dictionary<string, (Block Block, int Index)>> ReadNewFinalBlocksAsync(CancellationToken ct)
    {
        var fresh = new Dictionary<string, (Block, int)>(StringComparer.Ordinal);
        try
        {
            var head = await chain.GetHeightAsync(ct);
            var from = Math.Max(_scannedThrough is { } done ? done + 1 : head, head >= MaxBlocksPerPass ? head - MaxBlocksPerPass + 1 : 0);
            for (var n = from; n <= head; n++)
            {
                if (await chain.GetBlockAsync(n, ct) is not { } block)
                    break; // the validator that answered the height is ahead of the others: next pass
                for (var i = 0; i < block.Transactions.Count; i++)
                    fresh[block.Transactions[i].Hash.ToString()] = (block, i);
                _scannedThrough = n;
            }
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException)
        {
            log.LogDebug("Outbox: new blocks not read ({Message}); rows are followed one by one", ex.Message);
        }
        return fresh;
    }

    private Update FinalIn(Block block, int index)
    {
        sendLog.Forget(block.Transactions[index].Hash.ToString());
        return new Update(TxStatus.Final, (long)block.Index, block.Hash.ToString(), index, null, false, null);
    }

    /// <summary>
    /// A pending row is due for a look <see cref="ResendAfter"/> after its latest send (the submit
    /// request's own send counts; after a restart its creation time stands in); an included one
    /// (a validator reported its block, the API could not yet prove it final) at every pass.
    /// </summary>
    private bool IsDue(string key, TxStatus status, DateTime createdAt) =>
        status != TxStatus.Pending
        || clock.GetUtcNow() - (sendLog.LastSent(key) ?? new DateTimeOffset(createdAt, TimeSpan.Zero)) >= ResendAfter;

    /// <summary>
    /// A row not in a newly final block and due: locate it on chain or resend it in the trace
    /// <paramref name="trace"/> (a new one when default).
    /// </summary>
    private async Task<Update?> FollowAsync(string key, string payload, TxStatus status, long? knownBlock, int electionId,
        ActivityContext trace, CancellationToken ct)
    {
        var tx = TransactionJson.Parse(payload);
        TxPosition position;
        if (status == TxStatus.Included && knownBlock is { } n)
            position = await finality.CheckAsync(tx.Hash, (ulong)n, ct) ?? await finality.LocateAsync(tx.Hash, ct);
        else
            position = await finality.LocateAsync(tx.Hash, ct);

        if (position.Status != TxStatus.Pending)
        {
            sendLog.Forget(key);
            return new Update(position.Status, (long?)position.BlockNumber, position.Block?.Hash.ToString(),
                position.TxIndex >= 0 ? position.TxIndex : null, position.ReportedBy, false, null);
        }
        if (status == TxStatus.Included && !IsDue(key, TxStatus.Pending, DateTime.MinValue))
            return null;
        using var span = VoteTraceContext.StartSend(activity, trace, electionId, key);
        var outcome = await chain.SendAsync(tx, ct);
        sendLog.NoteSent(key, clock.GetUtcNow());
        if (outcome.Accepted)
            return new Update(TxStatus.Pending, null, null, null, outcome.AcceptedBy, true, null);
        if (outcome.RejectedReason is { } reason && outcome.UnreachableReason is null)
        {
            log.LogError("Transaction {Hash} was refused by every validator: {Reason}", key, reason);
            span?.SetStatus(ActivityStatusCode.Error, reason);
            return new Update(TxStatus.Rejected, null, null, null, null, true, reason);
        }
        span?.SetStatus(ActivityStatusCode.Error, outcome.UnreachableReason);
        return new Update(TxStatus.Pending, null, null, null, null, true, outcome.RejectedReason ?? outcome.UnreachableReason);
    }

    /// <summary>Closed elections whose votes are all final (or refused) get their election_close transaction.</summary>
    private async Task<bool> SendDueClosesAsync(EVotingDbContext db, CancellationToken ct)
    {
        var due = await db.Elections
            .Where(e => e.Status == ElectionStatus.Closed)
            .Where(e => !db.ElectionEvents.Any(x => x.ElectionId == e.Id && x.Kind == ChainEventKind.Close))
            .Where(e => !db.VoteTransactions.Any(v => v.ElectionId == e.Id && (v.Status == TxStatus.Pending || v.Status == TxStatus.Included)))
            .Select(e => e.Id).ToListAsync(ct);
        if (due.Count == 0)
            return false;
        foreach (var id in due)
        {
            var tx = txs.Close(id);
            db.ElectionEvents.Add(new ElectionEvent
            {
                ElectionId = id, Kind = ChainEventKind.Close, TxHash = tx.Hash.ToString(),
                Payload = TransactionJson.Serialize(tx), CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            log.LogInformation("Election {Id}: all votes final; sending election_close {Hash}", id, tx.Hash);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }
        return true;
    }
}
