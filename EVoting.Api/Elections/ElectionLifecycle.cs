using System.Diagnostics;
using EVoting.Api.Apis;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ElectionRow = EVoting.Api.Data.Election;

namespace EVoting.Api.Elections;

/// <summary>
/// Opening and closing. Open puts an election_open transaction (K, k, L) on chain and waits until
/// it is final before votes are accepted; close stops submissions at once and leaves the
/// election_close transaction to the outbox sender, which sends it only after every accepted vote
/// of the election is final, so no accepted vote can land after the close on chain.
/// </summary>
public sealed class ElectionLifecycle(
    EVotingDbContext db, ChainTransactions txs, ChainClient chain, FinalityTracker finality,
    TimeProvider clock, ActivitySource activity, IConfiguration config, ILogger<ElectionLifecycle> log)
{
    private TimeSpan OpenTimeout => TimeSpan.FromSeconds(config.GetValue("Chain:OpenTimeoutSeconds", 30));

    public async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> OpenAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("election open");
        span?.SetTag("evoting.election_id", id);
        var election = await db.Elections.Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (election is null)
            return Problems.NotFound($"Election {id} does not exist.");
        if (election.Status == ElectionStatus.Open)
            return TypedResults.Ok(election.ToResponse(false));
        if (election.Status != ElectionStatus.Draft)
            return Problems.Conflict($"Election {id} is {election.Status}; only a draft election can be opened.");

        var evt = await EnsureEventAsync(election, ChainEventKind.Open,
            () => txs.Open(election.Id, Convert.FromHexString(election.PublicKey), election.Candidates.Count, election.MaxSelections), ct);
        var tx = TransactionJson.Parse(evt.Payload);
        span?.SetTag("evoting.tx_hash", tx.Hash.ToString());

        var deadline = clock.GetUtcNow() + OpenTimeout;
        string? lastProblem = null;
        while (true)
        {
            TxPosition position;
            try
            {
                position = await finality.LocateAsync(tx.Hash, ct);
                if (position.Status == TxStatus.Pending)
                {
                    var sent = await chain.SendAsync(tx, ct);
                    if (sent.RejectedReason is { } reason)
                    {
                        evt.LastError = reason;
                        await db.SaveChangesAsync(ct);
                        return Problems.Status(StatusCodes.Status502BadGateway, "Rejected by the chain",
                            $"The validators refused the election_open transaction: {reason}");
                    }
                    evt.AcceptedBy ??= sent.AcceptedBy;
                    lastProblem = sent.UnreachableReason;
                }
            }
            catch (ValidatorsUnreachableException ex)
            {
                position = new TxPosition(TxStatus.Pending, null, null, -1, null);
                lastProblem = ex.Message;
            }
            if (position.Status == TxStatus.Final)
            {
                evt.Status = TxStatus.Final;
                evt.BlockNumber = (long?)position.BlockNumber;
                evt.FinalizedAt = clock.GetUtcNow().UtcDateTime;
                election.Status = ElectionStatus.Open;
                election.OpenedAt = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                log.LogInformation("Election {Id} is open on chain in block {Block}", id, position.BlockNumber);
                return TypedResults.Ok(election.ToResponse(false));
            }
            if (clock.GetUtcNow() >= deadline)
            {
                evt.LastError = lastProblem;
                await db.SaveChangesAsync(ct);
                return Problems.Unavailable(
                    $"The election_open transaction is not final within {OpenTimeout.TotalSeconds:0} s" +
                    (lastProblem is null ? "" : $" ({lastProblem})") + ". The election stays draft; retry the request.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    public async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> CloseAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("election close");
        span?.SetTag("evoting.election_id", id);
        // The exclusive row lock waits for in-flight submissions (which hold a shared lock on the
        // election row), so once this commits no further vote of this election can be accepted.
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE election SET status = {ElectionStatus.Closed}, closed_at = {clock.GetUtcNow().UtcDateTime} WHERE id = {id} AND status = {ElectionStatus.Open}", ct);
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (election is null)
            return Problems.NotFound($"Election {id} does not exist.");
        if (changed == 0 && election.Status == ElectionStatus.Draft)
            return Problems.Conflict($"Election {id} is draft; only an open election can be closed.");
        return TypedResults.Ok(election.ToResponse(false));
    }

    /// <summary>The election's event row of this kind, created once; its stored payload is what is (re)sent.</summary>
    private async Task<ElectionEvent> EnsureEventAsync(ElectionRow election, string kind, Func<Transaction> build, CancellationToken ct)
    {
        var existing = await db.ElectionEvents.SingleOrDefaultAsync(e => e.ElectionId == election.Id && e.Kind == kind, ct);
        if (existing is not null)
            return existing;
        var tx = build();
        var evt = new ElectionEvent
        {
            ElectionId = election.Id, Kind = kind, TxHash = tx.Hash.ToString(), Payload = TransactionJson.Serialize(tx),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
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
            return await db.ElectionEvents.SingleAsync(e => e.ElectionId == election.Id && e.Kind == kind, ct);
        }
    }
}
