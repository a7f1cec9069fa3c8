using System.Diagnostics;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Elections;

/// <summary>
/// Opening and closing. Open puts an election_open transaction (K, k, L) on chain and waits until
/// it is final before votes are accepted; close stops submissions at once and leaves the
/// election_close transaction to the outbox sender, which sends it only after every accepted vote
/// of the election is final, so no accepted vote can land after the close on chain.
/// </summary>
public sealed class ElectionLifecycle(
    IElectionStore elections, ChainTransactions txs, IChainGateway chain, IOptions<ChainOptions> options,
    TimeProvider clock, ActivitySource activity, ILogger<ElectionLifecycle> log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

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
        // The roll's size goes on chain with the key, so an auditor can tell turnout from the chain alone.
        ulong? rollSize = election.Eligibility == Eligibility.Roll ? (ulong)election.RollEntries : null;

        var evt = await elections.EnsureEventAsync(election.Id, ChainEventKind.Open,
            () => txs.Open(election.Id, Convert.FromHexString(election.PublicKey), election.Candidates.Count, election.MaxSelections, rollSize),
            clock.GetUtcNow().UtcDateTime, ct);
        var tx = TransactionJson.Parse(evt.Payload);
        span?.SetTag("evoting.tx_hash", tx.Hash.ToString());

        var timeout = options.Value.OpenTimeout;
        var deadline = clock.GetUtcNow() + timeout;
        string? lastProblem = null;
        while (true)
        {
            TxPosition position;
            try
            {
                position = await chain.LocateAsync(tx.Hash, ct);
                if (position.Status == TxStatus.Pending)
                {
                    var sent = await chain.SendAsync(tx, ct);
                    if (sent.RejectedReason is { } reason)
                    {
                        evt.LastError = reason;
                        await elections.SaveAsync(ct);
                        return new Failure.ChainRefused($"The validators refused the election_open transaction: {reason}");
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
                await elections.SaveAsync(ct);
                log.LogInformation("Election {Id} is open on chain in block {Block}", id, position.BlockNumber);
                return election.ToResponse(false);
            }
            if (clock.GetUtcNow() >= deadline)
            {
                evt.LastError = lastProblem;
                await elections.SaveAsync(ct);
                return new Failure.ChainUnavailable(
                    $"The election_open transaction is not final within {timeout.TotalSeconds:0} s" +
                    (lastProblem is null ? "" : $" ({lastProblem})") + ". The election stays draft; retry the request.");
            }
            await Task.Delay(PollInterval, ct);
        }
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
