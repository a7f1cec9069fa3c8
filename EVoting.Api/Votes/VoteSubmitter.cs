using System.Diagnostics;
using System.Text.Json.Nodes;
using EVoting.Api.Apis;
using EVoting.Api.Blockchain;
using EVoting.Api.Crypto;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Ballots;
using EVoting.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ElectionRow = EVoting.Api.Data.Election;

namespace EVoting.Api.Votes;

/// <summary>
/// Accepts a ballot: every check happens before anything is stored; the outbox row (which is also
/// the "voted" mark, unique per voter and election) is written in one database transaction under a
/// shared lock on the election row, so a concurrent close waits for it; then the transaction is
/// sent once right away. Whatever the send's outcome the vote is accepted: the outbox sender
/// resends until it is final.
/// </summary>
public sealed class VoteSubmitter(
    EVotingDbContext db, ChainTransactions txs, ChainClient chain, Nullifier nullifiers, OutboxSendLog sendLog,
    TimeProvider clock, ActivitySource activity, ILogger<VoteSubmitter> log)
{
    public async Task<Results<Created<VoteReceiptSummary>, Ok<VoteReceiptSummary>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        int voterId, SubmitVoteRequest request, CancellationToken ct)
    {
        using var span = activity.StartActivity("vote submit");
        var errors = new FieldErrors().Required("election_id", request.ElectionId).Required("ballot", request.Ballot);
        if (request.Ballot is { ValueKind: not System.Text.Json.JsonValueKind.Object })
            errors.Add("ballot", "must be an object with ciphertexts, proofs and sum_proof");
        if (request.ElectionId is <= 0 or > int.MaxValue)
            errors.Add("election_id", "is not a valid election id");
        if (errors.Any)
            return errors.ToProblem();
        var electionId = (int)request.ElectionId!.Value;
        span?.SetTag("evoting.election_id", electionId);

        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == electionId, ct);
        if (election is null)
            return Problems.NotFound($"Election {electionId} does not exist.");

        var ballotElection = election.ToBallotElection();
        if (!TryReadBallot(request.Ballot!.Value, electionId, out var ballot, out var reason))
            return Problems.BadRequest("The ballot is malformed: " + reason);

        var existing = await db.VoteTransactions.AsNoTracking().SingleOrDefaultAsync(v => v.VoterId == voterId && v.ElectionId == electionId, ct);
        if (existing is not null)
            return Repeat(existing, ballot!);
        if (election.Status != ElectionStatus.Open)
            return Problems.Conflict($"Election {electionId} is not open (status {election.Status}).");
        if (BallotVerifier.Verify(ballotElection, ballot!) is { } invalid)
            return Problems.BadRequest("The ballot is invalid: " + invalid);

        var tx = txs.Vote(electionId, nullifiers.For(voterId, electionId), BallotWire.EncodeCiphertexts(ballot!),
            new Hash32(BallotHash.Compute(ballotElection, ballot!)), BallotWire.EncodeProof(ballot!));
        span?.SetTag("evoting.tx_hash", tx.Hash.ToString());
        var row = new VoteTransaction
        {
            VoterId = voterId, ElectionId = electionId, TxHash = tx.Hash.ToString(),
            BallotHash = Convert.ToHexStringLower(tx.BallotHash.Span), Payload = TransactionJson.Serialize(tx),
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
        };
        VoteTraceContext.Capture(row, Activity.Current);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stored = await StoreAsync(row, electionId, ct);
                if (stored is not null)
                    return stored;
                break;
            }
            catch (Exception ex) when (ex.IsLockConflict() && attempt < 5)
            {
                // Concurrent submits of one voter can deadlock on the unique index; InnoDB undid
                // this one, so try again (it will then see the winner's row).
                db.ChangeTracker.Clear();
                row.Id = 0;
                await Task.Delay(20 * attempt, ct);
            }
        }

        await SendOnceAsync(row, tx, ct);
        return TypedResults.Created($"/api/votes/receipt/{row.TxHash}", Summary(row, tx.Timestamp));
    }

    /// <summary>Null when stored; otherwise the answer for a lost race or a closed election.</summary>
    private async Task<Results<Created<VoteReceiptSummary>, Ok<VoteReceiptSummary>, ValidationProblem, ProblemHttpResult>?> StoreAsync(
        VoteTransaction row, int electionId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var status = await db.Database
            .SqlQuery<string>($"SELECT status AS Value FROM election WHERE id = {electionId} LOCK IN SHARE MODE")
            .SingleAsync(ct);
        if (status != ElectionStatus.Open)
            return Problems.Conflict($"Election {electionId} is not open (status {status}).");
        db.VoteTransactions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await transaction.RollbackAsync(ct);
            db.Entry(row).State = EntityState.Detached;
            var winner = await db.VoteTransactions.AsNoTracking().SingleAsync(v => v.VoterId == row.VoterId && v.ElectionId == electionId, ct);
            return winner.Payload == row.Payload || SameBallot(winner, row)
                ? TypedResults.Ok(Summary(winner, TransactionJson.Parse(winner.Payload).Timestamp))
                : Problems.Conflict("You have already voted in this election.");
        }
    }

    private async Task SendOnceAsync(VoteTransaction row, Transaction tx, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var outcome = await chain.SendAsync(tx, timeout.Token);
            sendLog.NoteSent(row.TxHash, clock.GetUtcNow());
            row.Attempts = 1;
            row.AcceptedBy = outcome.AcceptedBy;
            row.LastError = outcome.RejectedReason ?? outcome.UnreachableReason;
            // Only the send's own columns: by now the outbox sender may already have marked the
            // row included or final, and writing the whole row back would undo that.
            await db.VoteTransactions.Where(v => v.Id == row.Id).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Attempts, v => v.Attempts + 1)
                .SetProperty(v => v.AcceptedBy, v => v.AcceptedBy ?? row.AcceptedBy)
                .SetProperty(v => v.LastError, row.LastError), CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ValidatorsUnreachableException)
        {
            // Stays pending in the outbox: the sender retries.
            log.LogInformation("Vote {Hash} not sent at submit ({Message}); the outbox sender will retry", row.TxHash, ex.Message);
        }
    }

    /// <summary>
    /// A repeated submit: the same ballot (a retried request) gets the original receipt back;
    /// a different ballot is a second vote and is refused.
    /// </summary>
    private static Results<Created<VoteReceiptSummary>, Ok<VoteReceiptSummary>, ValidationProblem, ProblemHttpResult> Repeat(
        VoteTransaction existing, Ballot ballot)
    {
        var stored = TransactionJson.Parse(existing.Payload);
        return stored.EncryptedVote.AsSpan().SequenceEqual(BallotWire.EncodeCiphertexts(ballot))
               && stored.Proof.AsSpan().SequenceEqual(BallotWire.EncodeProof(ballot))
            ? TypedResults.Ok(Summary(existing, stored.Timestamp))
            : Problems.Conflict("You have already voted in this election.");
    }

    private static bool SameBallot(VoteTransaction a, VoteTransaction b)
    {
        var x = TransactionJson.Parse(a.Payload);
        var y = TransactionJson.Parse(b.Payload);
        return x.EncryptedVote.AsSpan().SequenceEqual(y.EncryptedVote) && x.Proof.AsSpan().SequenceEqual(y.Proof);
    }

    private static VoteReceiptSummary Summary(VoteTransaction row, long timestamp) =>
        new(row.Id, row.TxHash, row.BallotHash, DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime, row.Status);

    /// <summary>The request's ballot object, with the request's election_id when the ballot omits it.</summary>
    private static bool TryReadBallot(System.Text.Json.JsonElement element, int electionId, out Ballot? ballot, out string? reason)
    {
        var node = JsonNode.Parse(element.GetRawText())!.AsObject();
        if (!node.ContainsKey("election_id"))
            node["election_id"] = electionId;
        if (!BallotJson.TryParse(node.ToJsonString(), out ballot, out reason))
            return false;
        if (ballot!.ElectionId != (ulong)electionId)
        {
            reason = BallotErrors.WrongElection;
            ballot = null;
            return false;
        }
        return true;
    }
}
