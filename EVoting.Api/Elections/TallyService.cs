using System.Diagnostics;
using System.Text.Json;
using EVoting.Api.Apis;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Ballots;
using EVoting.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Elections;

/// <summary>
/// The tally reads the chain, not the database: every vote of the election in final blocks before
/// its final election_close transaction is decoded and verified (as a batch), the valid ones are
/// summed, and only the sums are decrypted, each with a Chaum-Pedersen proof. Idempotent: a second
/// call returns the stored result.
/// </summary>
public sealed class TallyService(
    EVotingDbContext db, ChainClient chain,
    ElectionCreator keys, TimeProvider clock, ActivitySource activity, IConfiguration config, ILogger<TallyService> log)
{
    /// <summary>How long a tally request waits for the election_close transaction to become final.</summary>
    private TimeSpan CloseWait => TimeSpan.FromSeconds(config.GetValue("Tally:CloseWaitSeconds", 60));

    public async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> TallyAsync(int id, CancellationToken ct)
    {
        using var span = activity.StartActivity("tally");
        span?.SetTag("evoting.election_id", id);
        var election = await db.Elections.Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (election is null)
            return Problems.NotFound($"Election {id} does not exist.");
        if (await db.TallyResults.AsNoTracking().SingleOrDefaultAsync(t => t.ElectionId == id, ct) is { } existing)
            return TypedResults.Ok(TallyCodec.ToResponse(election, existing));
        if (election.Status is ElectionStatus.Draft or ElectionStatus.Open)
            return Problems.Conflict($"Election {id} is {election.Status}; it can be tallied only after it is closed.");

        var close = await WaitForFinalCloseAsync(id, ct);
        if (close is null || close.Status != TxStatus.Final || close.BlockNumber is null)
        {
            var waiting = await db.VoteTransactions.CountAsync(v => v.ElectionId == id && v.Status != TxStatus.Final && v.Status != TxStatus.Rejected, ct);
            return Problems.Conflict(close is null
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
            return Problems.Unavailable("The chain could not be read for the tally: " + ex.Message);
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
        var decryptions = TallyDecryptor.Decrypt(keys.OpenKey(election), ballotElection, sums);
        var (aggregate, proofs, counts) = TallyCodec.Encode(decryptions);
        var row = new TallyResult
        {
            ElectionId = id, TotalBallots = valid.Length,
            Counts = JsonSerializer.Serialize(counts),
            Aggregate = JsonSerializer.Serialize(aggregate, TallyCodec.Json),
            DecryptionProofs = JsonSerializer.Serialize(proofs, TallyCodec.Json),
            ComputedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TallyResults.Add(row);
        election.Status = ElectionStatus.Tallied;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A concurrent tally stored first; both computed from the same final chain.
            db.ChangeTracker.Clear();
            row = await db.TallyResults.AsNoTracking().SingleAsync(t => t.ElectionId == id, ct);
            election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleAsync(e => e.Id == id, ct);
        }
        log.LogInformation("Election {Id} tallied: {Ballots} ballots", id, row.TotalBallots);
        return TypedResults.Ok(TallyCodec.ToResponse(election, row));
    }

    /// <summary>
    /// The election's election_close row once it is final, or as it stands when <see cref="CloseWait"/>
    /// runs out. The outbox sender sends it only after every accepted vote is final and marks it
    /// final a block later, so an official who runs the tally right after closing waits here for
    /// those few seconds instead of being told to retry.
    /// </summary>
    private async Task<ElectionEvent?> WaitForFinalCloseAsync(int id, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + CloseWait;
        while (true)
        {
            var close = await db.ElectionEvents.AsNoTracking()
                .SingleOrDefaultAsync(e => e.ElectionId == id && e.Kind == ChainEventKind.Close, ct);
            if (close is { Status: TxStatus.Final, BlockNumber: not null } || clock.GetUtcNow() >= deadline)
                return close;
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
    }

    /// <summary>Every vote of the election in final blocks 1..closeBlock, up to the close transaction.</summary>
    private async Task<List<Transaction>> ReadVotesAsync(int electionId, Hash32 closeHash, ulong closeBlock, CancellationToken ct)
    {
        var votes = new List<Transaction>();
        for (ulong n = 1; n <= closeBlock; n++)
        {
            // GetBlockAsync returns only blocks that pass the finality check.
            var block = await chain.GetBlockAsync(n, ct) ?? throw new InvalidDataException($"block {n} is missing");
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

    public async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> ResultsAsync(int id, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (election is null)
            return Problems.NotFound($"Election {id} does not exist.");
        var row = await db.TallyResults.AsNoTracking().SingleOrDefaultAsync(t => t.ElectionId == id, ct);
        return row is null
            ? Problems.Conflict($"Election {id} has not been tallied yet (status {election.Status}).")
            : TypedResults.Ok(TallyCodec.ToResponse(election, row));
    }
}
