using System.Diagnostics;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;

namespace EVoting.Api.Elections;

/// <summary>
/// Opening and closing. Open puts an election_open transaction (K, k, L, the election record: title, candidate
/// names, ceremony record, and the roll's size for a roll election) on chain and waits until
/// it is final before votes are accepted; close stops submissions at once and leaves the
/// election_close transaction to the outbox sender, which sends it only after every accepted vote
/// of the election is final, so no accepted vote can land after the close on chain.
/// </summary>
public sealed class ElectionLifecycle(
    IElectionStore elections, ChainTransactions txs, ChainEventPublisher publisher, ElectionCeremony ceremony,
    TimeProvider clock, ActivitySource activity, ILogger<ElectionLifecycle> log)
{
    public async Task<Outcome<ElectionResponse>> OpenAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("election open");
        span?.SetTag("evoting.election_id", id);
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        if (election.Status == ElectionStatus.Open)
            return election.ToResponse(false);
        if (election.Status != ElectionStatus.Draft)
            return new Failure.Conflict($"Election {id} is {election.Status.Text()}; only a draft election can be opened.");
        if (election.Eligibility == Eligibility.Roll && election.RollEntries == 0)
            return new Failure.Conflict($"Election {id} has no voter roll: upload one (POST /api/elections/{id}/roll) before opening it.");

        var existing = await elections.ReadEventAsync(election.Id, ChainEventKind.Open, ct);
        string record = "";
        if (existing is null)
        {
            var recorded = await ceremony.RecordForAsync(election, ct);
            if (recorded.Failure is { } notReady)
                return notReady;
            record = recorded.Value!;
        }
        var evt = await elections.EnsureEventAsync(election.Id, ChainEventKind.Open, () => txs.Open(election, record),
            clock.GetUtcNow().UtcDateTime, ct);
        span?.SetTag("evoting.tx_hash", evt.TxHash);
        if (await publisher.PublishAsync(evt, ct) is { } failure)
            return failure is Failure.ChainUnavailable ? new Failure.ChainUnavailable(failure.Detail + " The election stays draft.") : failure;
        election.Status = ElectionStatus.Open;
        election.OpenedAt = clock.GetUtcNow().UtcDateTime;
        await elections.SaveAsync(ct);
        log.LogInformation("Election {Id} is open on chain in block {Block}", id, evt.BlockNumber);
        return election.ToResponse(false);
    }

    public async Task<Outcome<ElectionResponse>> CloseAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("election close");
        span?.SetTag("evoting.election_id", id);
        var changed = await elections.CloseIfOpenAsync(id, clock.GetUtcNow().UtcDateTime, ct);
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        if (!changed && election.Status == ElectionStatus.Draft)
            return new Failure.Conflict($"Election {id} is draft; only an open election can be closed.");
        return election.ToResponse(false);
    }
}
