using System.Diagnostics;
using System.Text.Json;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Elections;

/// <summary>
/// The tally reads the chain, not the database: every vote of the election in final blocks before
/// its final election_close transaction is decoded and verified (as a batch), the valid ones are
/// summed, and only the sums are decrypted, each with a Chaum-Pedersen proof. The threshold record of that
/// decryption (docs/trustees.md "Decryption of a tally") goes on chain as the election_tally transaction, so an
/// auditor checks the counts from the chain alone. Idempotent: a second call returns the stored result.
/// </summary>
public sealed class TallyService(
    IElectionStore elections, IChainGateway chain, ElectionCreator keys, ChainTransactions txs, ChainEventPublisher publisher,
    IOptions<TallyOptions> options, TimeProvider clock, ActivitySource activity, ILogger<TallyService> log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<Outcome<ResultsResponse>> TallyAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("tally");
        span?.SetTag("evoting.election_id", id);
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        if (await elections.FindTallyAsync(id, ct) is { } existing)
            return await PublishedAsync(election, existing, ct);
        if (election.Status is ElectionStatus.Draft or ElectionStatus.Open)
            return new Failure.Conflict($"Election {id} is {election.Status.Text()}; it can be tallied only after it is closed.");

        var close = await WaitForFinalCloseAsync(id, ct);
        if (close is null || close.Status != TxStatus.Final || close.BlockNumber is null)
        {
            var waiting = await elections.CountUnsettledVotesAsync(id, ct);
            return new Failure.Conflict(close is null
                ? $"The election_close transaction is not sent yet: {waiting} accepted vote(s) are not final. Retry shortly."
                : "The election_close transaction is not final yet. Retry shortly.");
        }

        List<Transaction> votes;
        try
        {
            votes = await ReadVotesAsync(election.Id, Hash32.Parse(close.TxHash), (ulong)close.BlockNumber.Value, ct);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or InvalidDataException or FormatException)
        {
            return new Failure.ChainUnavailable("The chain could not be read for the tally: " + ex.Message);
        }

        var ballotElection = election.ToBallotElection();
        var decoded = new List<Ballot>(votes.Count);
        foreach (var vote in votes)
        {
            if (BallotWire.TryDecode(ballotElection.Id, vote.EncryptedVote, vote.Proof, ballotElection.Candidates, ballotElection.MaxSelections, out var ballot, out var reason))
                decoded.Add(ballot!);
            else
                log.LogWarning("Vote {Hash} on chain does not decode: {Reason}", vote.Hash, reason);
        }
        var errors = BallotVerifier.VerifyBatch(decoded.Select(b => (ballotElection, b)).ToArray());
        var valid = decoded.Where((_, i) => errors[i] is null).ToArray();
        if (valid.Length != votes.Count)
            log.LogWarning("Election {Id}: {Invalid} of {Total} ballots on chain are invalid and not counted", id, votes.Count - valid.Length, votes.Count);

        var sums = TallyAggregator.Aggregate(ballotElection, valid);
        var key = keys.OpenKey(election);
        var decryptions = TallyDecryptor.Decrypt(key, ballotElection, sums);
        // The record for the chain, made before the row so that a stored tally always has its transaction.
        var threshold = SingleTrustee.Decrypt(ballotElection, key, sums);
        await elections.EnsureEventAsync(id, ChainEventKind.Tally, () => txs.Tally(id, valid.Length, ThresholdJson.Serialize(threshold)),
            clock.GetUtcNow().UtcDateTime, ct);
        var (aggregate, proofs, counts) = TallyCodec.Encode(decryptions);
        var row = await elections.StoreTallyAsync(election, new TallyResult
        {
            ElectionId = id, TotalBallots = valid.Length,
            Counts = JsonSerializer.Serialize(counts),
            Aggregate = JsonSerializer.Serialize(aggregate, TallyCodec.Json),
            DecryptionProofs = JsonSerializer.Serialize(proofs, TallyCodec.Json),
            ComputedAt = clock.GetUtcNow().UtcDateTime,
        }, ct);
        log.LogInformation("Election {Id} tallied: {Ballots} ballots", id, row.TotalBallots);
        return await PublishedAsync(election, row, ct);
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
        return TallyCodec.ToResponse(election, row, stored);
    }

    /// <summary>
    /// The election's election_close row once it is final, or as it stands when the wait
    /// (<see cref="TallyOptions.CloseWaitSeconds"/>) runs out. The outbox sender sends it only after
    /// every accepted vote is final and marks it final a block later, so an official who runs the
    /// tally right after closing waits here for those few seconds instead of being told to retry.
    /// </summary>
    private async Task<ElectionEvent?> WaitForFinalCloseAsync(int id, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.CloseWait;
        while (true)
        {
            var close = await elections.ReadEventAsync(id, ChainEventKind.Close, ct);
            if (close is { Status: TxStatus.Final, BlockNumber: not null } || clock.GetUtcNow() >= deadline)
                return close;
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>Every vote of the election in final blocks 1..closeBlock, up to the close transaction.</summary>
    private async Task<List<Transaction>> ReadVotesAsync(int electionId, Hash32 closeHash, ulong closeBlock, CancellationToken ct)
    {
        var votes = new List<Transaction>();
        for (ulong n = 1; n <= closeBlock; n++)
        {
            // The gateway returns only blocks it has verified final.
            var block = await chain.GetFinalBlockAsync(n, ct) ?? throw new InvalidDataException($"block {n} is missing");
            foreach (var tx in block.Transactions)
            {
                if (tx.Hash == closeHash)
                    return votes;
                if (tx.Kind == TxKind.Vote && tx.ElectionId == (ulong)electionId)
                    votes.Add(tx);
            }
        }
        throw new InvalidDataException($"the close transaction is not in block {closeBlock}");
    }

    public async Task<Outcome<ResultsResponse>> ResultsAsync(int id, CancellationToken ct)
    {
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        var row = await elections.FindTallyAsync(id, ct);
        return row is null
            ? new Failure.Conflict($"Election {id} has not been tallied yet (status {election.Status.Text()}).")
            : TallyCodec.ToResponse(election, row, await elections.ReadEventAsync(id, ChainEventKind.Tally, ct));
    }
}
