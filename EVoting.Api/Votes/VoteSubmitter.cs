using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Api.Blockchain;
using EVoting.Api.Crypto;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using EVoting.Ballots;
using EVoting.Chain;

namespace EVoting.Api.Votes;

/// <summary>A vote the API holds: <see cref="IsNew"/> when this request stored it, false for a repeat of the same ballot.</summary>
public sealed record AcceptedVote(VoteReceiptSummary Receipt, bool IsNew);

/// <summary>
/// Accepts a ballot: every check happens before anything is stored; the outbox row (which is also
/// the "voted" mark, unique per voter and election) is admitted atomically with respect to closing
/// the election (<see cref="IVoteStore.AdmitAsync"/>); then the transaction is sent once right
/// away. Whatever the send's outcome the vote is accepted: the outbox sender resends until it is final.
/// </summary>
public sealed class VoteSubmitter(
    IElectionStore elections, IVoteStore votes, IRollStore rolls, ChainTransactions txs, IChainGateway chain, Nullifier nullifiers,
    OutboxSendLog sendLog, TimeProvider clock, ActivitySource activity, ILogger<VoteSubmitter> log)
{
    public const string AlreadyVoted = "You have already voted in this election.";
    public const string Spoiled = "This ballot was challenged and its nonces are public, so it can never be cast: encrypt your choice again.";

    /// <summary>How long the submit request's own send may take before the vote is left to the outbox sender.</summary>
    public static readonly TimeSpan SendBudget = TimeSpan.FromSeconds(5);

    public async Task<Outcome<AcceptedVote>> SubmitAsync(int voterId, SubmitVoteRequest request, CancellationToken ct)
    {
        using var span = activity.StartActivity("vote submit");
        var errors = new FieldErrors().Required("election_id", request.ElectionId).Required("ballot", request.Ballot);
        if (request.Ballot is { ValueKind: not JsonValueKind.Object })
            errors.Add("ballot", "must be an object with ciphertexts, proofs and sum_proof");
        if (request.ElectionId is <= 0 or > int.MaxValue)
            errors.Add("election_id", "is not a valid election id");
        if (errors.Any)
            return errors.ToFailure();
        var electionId = (int)request.ElectionId!.Value;
        span?.SetTag("evoting.election_id", electionId);

        var election = await elections.FindAsync(electionId, ct);
        if (election is null)
            return new Failure.NotFound($"Election {electionId} does not exist.");
        // An indexed lookup, before any ballot is parsed or verified.
        if (election.Eligibility == Eligibility.Roll && !await rolls.IsEnrolledAsync(electionId, voterId, ct))
            return new Failure.Forbidden(NotOnRoll(electionId));

        var ballotElection = election.ToBallotElection();
        if (!TryReadBallot(request.Ballot!.Value, electionId, out var ballot, out var reason))
            return new Failure.BadInput("The ballot is malformed: " + reason);

        // A repeat is answered before the election's status: a retried request after the close still gets its receipt.
        if (await votes.FindAsync(voterId, electionId, ct) is { } existing)
            return Repeat(existing, BallotWire.EncodeCiphertexts(ballot!), BallotWire.EncodeProof(ballot!));
        if (election.Status != ElectionStatus.Open)
            return NotOpen(electionId, election.Status);
        if (BallotVerifier.Verify(ballotElection, ballot!) is { } invalid)
            return new Failure.BadInput("The ballot is invalid: " + invalid);

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

        switch (await votes.AdmitAsync(row, ct))
        {
            case VoteAdmission.ElectionNotOpen closed:
                return NotOpen(electionId, closed.Status);
            case VoteAdmission.AlreadyVoted lost:
                return Repeat(lost.Existing, tx.EncryptedVote, tx.Proof);
            case VoteAdmission.Spoiled:
                return new Failure.Conflict(Spoiled);
        }
        await SendOnceAsync(row, tx, ct);
        return new AcceptedVote(Summary(row, tx.Timestamp), IsNew: true);
    }

    public static string NotOnRoll(int electionId) =>
        $"Your account is not on the roll of election {electionId}. Enter the enrolment code you received for it (account page) and try again.";

    private static Failure.Conflict NotOpen(int electionId, ElectionStatus status) =>
        new($"Election {electionId} is not open (status {status.Text()}).");

    private async Task SendOnceAsync(VoteTransaction row, Transaction tx, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SendBudget);
            var outcome = await chain.SendAsync(tx, timeout.Token);
            sendLog.NoteSent(row.TxHash, clock.GetUtcNow());
            row.Attempts = 1;
            row.AcceptedBy = outcome.AcceptedBy;
            row.LastError = outcome.RejectedReason ?? outcome.UnreachableReason;
            await votes.RecordSendAsync(row.Id, row.AcceptedBy, row.LastError, CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ValidatorsUnreachableException)
        {
            // Stays pending in the outbox: the sender retries.
            log.LogInformation("Vote {Hash} not sent at submit ({Message}); the outbox sender will retry", row.TxHash, ex.Message);
        }
    }

    /// <summary>
    /// The voter already has a vote here: the same ballot (a retried request) gets the original
    /// receipt back; a different ballot is a second vote and is refused.
    /// </summary>
    private static Outcome<AcceptedVote> Repeat(VoteTransaction existing, byte[] encryptedVote, byte[] proof)
    {
        var stored = TransactionJson.Parse(existing.Payload);
        return stored.EncryptedVote.AsSpan().SequenceEqual(encryptedVote) && stored.Proof.AsSpan().SequenceEqual(proof)
            ? new AcceptedVote(Summary(existing, stored.Timestamp), IsNew: false)
            : new Failure.Conflict(AlreadyVoted);
    }

    private static VoteReceiptSummary Summary(VoteTransaction row, long timestamp) =>
        new(row.Id, row.TxHash, row.BallotHash, DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime, row.Status.Text());

    /// <summary>The request's ballot object, with the request's election_id when the ballot omits it.</summary>
    private static bool TryReadBallot(JsonElement element, int electionId, out Ballot? ballot, out string? reason)
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
