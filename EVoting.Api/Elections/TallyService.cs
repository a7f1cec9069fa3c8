using System.Diagnostics;
using System.Text.Json;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// The tally reads the chain, not the database (<see cref="ChainAggregates"/>), and only the sums are decrypted:
/// by the server with its sealed secret when it is the one trustee, else by combining q guardians' partial
/// decryptions (<see cref="ElectionCeremony.CombineAsync"/>); the API then holds no secret. The threshold record of that
/// decryption (docs/trustees.md "Decryption of a tally") goes on chain as the election_tally transaction, so an
/// auditor checks the counts from the chain alone. Idempotent: a second call returns the stored result.
/// </summary>
public sealed class TallyService(
    IElectionStore elections, ChainAggregates aggregates, ElectionCreator keys, ElectionCeremony ceremony, ChainTransactions txs,
    ChainEventPublisher publisher, TimeProvider clock, ActivitySource activity, ILogger<TallyService> log)
{
    public async Task<Outcome<ResultsResponse>> TallyAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("tally");
        span?.SetTag("evoting.election_id", id);
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        if (await elections.FindTallyAsync(id, ct) is { } existing)
            return await PublishedAsync(election, existing, ct);

        var summed = await aggregates.SumAsync(election, ct);
        if (summed.Failure is { } notSummed)
            return notSummed;
        var (sums, total) = summed.Value!;
        var ballotElection = election.ToBallotElection();
        var decrypted = election.ExternalGuardians
            ? await ceremony.CombineAsync(election, sums, ct)
            : ServerDecrypt(election, ballotElection, sums);
        if (decrypted.Failure is { } notDecrypted)
            return notDecrypted;
        var (threshold, proofs) = decrypted.Value!;
        // The record for the chain, made before the row so that a stored tally always has its transaction.
        await elections.EnsureEventAsync(id, ChainEventKind.Tally, () => txs.Tally(id, total, ThresholdJson.Serialize(threshold)),
            clock.GetUtcNow().UtcDateTime, ct);
        var row = await elections.StoreTallyAsync(election, new TallyResult
        {
            ElectionId = id, TotalBallots = total,
            Counts = JsonSerializer.Serialize(threshold.Select(r => r.Count)),
            Aggregate = JsonSerializer.Serialize(TallyCodec.Aggregate(sums), TallyCodec.Json),
            DecryptionProofs = JsonSerializer.Serialize(proofs, TallyCodec.Json),
            ComputedAt = clock.GetUtcNow().UtcDateTime,
        }, ct);
        log.LogInformation("Election {Id} tallied: {Ballots} ballots", id, row.TotalBallots);
        return await PublishedAsync(election, row, ct);
    }

    /// <summary>
    /// The server as the one trustee: decrypts with its sealed s, both as the threshold record (M_1 with its proof) and
    /// as the single-trustee decryption proofs the results have always carried.
    /// </summary>
    private Outcome<DecryptedTally> ServerDecrypt(ElectionRecord election, Election ballotElection, EncryptedTally sums)
    {
        var key = keys.OpenKey(election);
        var (_, proofs, _) = TallyCodec.Encode(TallyDecryptor.Decrypt(key, ballotElection, sums));
        return new DecryptedTally(SingleTrustee.Decrypt(ballotElection, key, sums), proofs);
    }
    /// <summary>
    /// The stored result once its election_tally transaction is final on chain (sent now when it is not yet; the
    /// outbox sender also keeps resending it). A tally stored before the transaction existed has none.
    /// </summary>
    private async Task<Outcome<ResultsResponse>> PublishedAsync(ElectionRecord election, TallyResult row, CancellationToken ct)
    {
        var stored = await elections.ReadEventAsync(election.Id, ChainEventKind.Tally, ct);
        if (stored is not null && stored.Status != TxStatus.Final)
        {
            var evt = await elections.EnsureEventAsync(election.Id, ChainEventKind.Tally,
                () => throw new InvalidOperationException("the election_tally event exists"), clock.GetUtcNow().UtcDateTime, ct);
            if (await publisher.PublishAsync(evt, ct) is { } failure)
                return failure;
            stored = evt;
        }
        return TallyCodec.ToResponse(election, row, stored, await elections.ReadEventAsync(election.Id, ChainEventKind.Open, ct));
    }

    public async Task<Outcome<ResultsResponse>> ResultsAsync(int id, CancellationToken ct)
    {
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        var row = await elections.FindTallyAsync(id, ct);
        return row is null
            ? new Failure.Conflict($"Election {id} has not been tallied yet (status {election.Status.Text()}).")
            : TallyCodec.ToResponse(election, row, await elections.ReadEventAsync(id, ChainEventKind.Tally, ct),
                await elections.ReadEventAsync(id, ChainEventKind.Open, ct));
    }
}
