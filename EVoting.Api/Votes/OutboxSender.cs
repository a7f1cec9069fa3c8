using System.Collections.Concurrent;
using System.Diagnostics;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Votes;

/// <summary>
/// The outbox's background sender. Every accepted vote (and election event) that is not final yet
/// is followed on chain: resent (same bytes) while no validator has it, marked included when a
/// validator reports its block, final once the API has verified that block's certificate. After a
/// restart it simply continues from the table, so a vote accepted just before a crash still lands.
/// It also sends each closed election's election_close transaction, once all its votes are final.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, DatabaseReadiness readiness, ChainClient chain, FinalityTracker finality, ChainTransactions txs,
    TimeProvider clock, ActivitySource activity, IConfiguration config, ILogger<OutboxSender> log) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSent = new();
    private TimeSpan Interval => TimeSpan.FromMilliseconds(config.GetValue("Outbox:IntervalMs", 500));
    private TimeSpan ResendAfter => TimeSpan.FromMilliseconds(config.GetValue("Outbox:ResendAfterMs", 3000));
    private int BatchSize => config.GetValue("Outbox:BatchSize", 500);

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

        var votes = await db.VoteTransactions
            .Where(v => v.Status == TxStatus.Pending || v.Status == TxStatus.Included)
            .OrderBy(v => v.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var row in votes)
        {
            var tx = TransactionJson.Parse(row.Payload);
            var update = await FollowAsync(tx, row.Status, row.BlockNumber, row.ElectionId, VoteTraceContext.ParentOf(row), ct);
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
            var update = await FollowAsync(TransactionJson.Parse(evt.Payload), evt.Status, evt.BlockNumber, evt.ElectionId, default, ct);
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

    private sealed record Update(string Status, long? BlockNumber, string? BlockHash, int? TxIndex, string? AcceptedBy, bool Sent, string? Error);

    /// <summary>Locates the transaction on chain, or (re)sends it in the trace <paramref name="trace"/> (a new one when default).</summary>
    private async Task<Update?> FollowAsync(Transaction tx, string status, long? knownBlock, int electionId, ActivityContext trace, CancellationToken ct)
    {
        var key = tx.Hash.ToString();
        TxPosition position;
        if (status == TxStatus.Included && knownBlock is { } n)
            position = await finality.CheckAsync(tx.Hash, (ulong)n, ct) ?? await finality.LocateAsync(tx.Hash, ct);
        else
            position = await finality.LocateAsync(tx.Hash, ct);

        if (position.Status != TxStatus.Pending)
        {
            _lastSent.TryRemove(key, out _);
            return new Update(position.Status, (long?)position.BlockNumber, position.Block?.Hash.ToString(),
                position.TxIndex >= 0 ? position.TxIndex : null, position.ReportedBy, false, null);
        }

        if (_lastSent.TryGetValue(key, out var last) && clock.GetUtcNow() - last < ResendAfter)
            return null;
        using var span = VoteTraceContext.StartSend(activity, trace, electionId, key);
        var outcome = await chain.SendAsync(tx, ct);
        _lastSent[key] = clock.GetUtcNow();
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
