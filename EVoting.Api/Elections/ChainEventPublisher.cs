using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Elections;

/// <summary>
/// Sends an election's stored chain event (election_open, election_tally) and waits until it is final: located on
/// chain, or resent while pending, for at most <see cref="ChainOptions.OpenTimeout"/>. The row records the block when
/// final and the last problem otherwise; the outbox sender keeps resending a row left pending.
/// </summary>
public sealed class ChainEventPublisher(IElectionStore elections, IChainGateway chain, IOptions<ChainOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Null once final (the row then holds its block), or why not (refused by the validators, or not final in time).</summary>
    public async Task<Failure?> PublishAsync(ElectionEvent evt, CancellationToken ct)
    {
        var tx = TransactionJson.Parse(evt.Payload);
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
                        return new Failure.ChainRefused($"The validators refused the {evt.Kind} transaction: {reason}");
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
                await elections.SaveAsync(ct);
                return null;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                evt.LastError = lastProblem;
                await elections.SaveAsync(ct);
                return new Failure.ChainUnavailable(
                    $"The {evt.Kind} transaction is not final within {timeout.TotalSeconds:0} s" +
                    (lastProblem is null ? "" : $" ({lastProblem})") + ". Retry the request.");
            }
            await Task.Delay(PollInterval, ct);
        }
    }
}
