using System.Text.Json;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Api.Votes;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>Vote admission and double votes (VoteSubmitter) against in-memory stores and chain.</summary>
public sealed class VoteAdmissionTests
{
    private readonly ServiceHarness _s = new();

    [Fact]
    public async Task A_valid_ballot_in_an_open_election_is_stored_pending_and_sent_once()
    {
        var election = await _s.OpenAsync();

        var outcome = await _s.Submitter.SubmitAsync(voterId: 7, Ballot(election, 2), Ct);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.True(outcome.Value!.IsNew);
        Assert.Equal("pending", outcome.Value.Receipt.Status);
        var row = Assert.Single(_s.Votes.Rows);
        Assert.Equal((7, election.Id, outcome.Value.Receipt.TransactionId), (row.VoterId, row.ElectionId, row.TxHash));
        Assert.Equal(1, row.Attempts);
        Assert.Equal("http://validator-1:8001/", row.AcceptedBy);
        var sent = Assert.Single(_s.Chain.Pool);
        Assert.Equal(row.TxHash, sent.Hash.ToString());
        Assert.StartsWith("anon-", sent.Nullifier);
    }

    [Fact]
    public async Task The_same_ballot_again_gets_the_first_receipt_and_a_different_ballot_is_a_second_vote()
    {
        var election = await _s.OpenAsync();
        var ballot = Ballot(election, 1);
        var first = await _s.Submitter.SubmitAsync(7, ballot, Ct);

        var retried = await _s.Submitter.SubmitAsync(7, ballot, Ct);
        var second = await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);

        Assert.False(retried.Value!.IsNew);
        Assert.Equal(first.Value!.Receipt, retried.Value.Receipt);
        Assert.Equal(new Failure.Conflict(VoteSubmitter.AlreadyVoted), second.Failure);
        Assert.Single(_s.Votes.Rows);
        Assert.Equal(1, _s.Chain.Sends - 1); // one send for the open, one for the vote
    }

    [Fact]
    public async Task A_retried_submit_after_the_close_still_gets_its_receipt_but_a_new_voter_does_not_vote()
    {
        var election = await _s.OpenAsync();
        var ballot = Ballot(election, 3);
        await _s.Submitter.SubmitAsync(7, ballot, Ct);
        await _s.Lifecycle.CloseAsync(election.Id, Ct);

        var retried = await _s.Submitter.SubmitAsync(7, ballot, Ct);
        var late = await _s.Submitter.SubmitAsync(8, Ballot(election, 3), Ct);

        Assert.True(retried.Succeeded);
        Assert.Equal(new Failure.Conflict($"Election {election.Id} is not open (status closed)."), late.Failure);
    }

    [Fact]
    public async Task Votes_are_refused_in_a_draft_and_in_an_unknown_election()
    {
        var draft = await _s.DraftAsync();

        var inDraft = await _s.Submitter.SubmitAsync(7, Ballot(draft, 1), Ct);
        var unknown = await _s.Submitter.SubmitAsync(7, Ballot(draft, 1) with { ElectionId = 99 }, Ct);

        Assert.Equal(new Failure.Conflict($"Election {draft.Id} is not open (status draft)."), inDraft.Failure);
        Assert.Equal(new Failure.NotFound("Election 99 does not exist."), unknown.Failure);
        Assert.Empty(_s.Votes.Rows);
    }

    [Fact]
    public async Task Missing_fields_malformed_and_invalid_ballots_are_refused_before_anything_is_stored()
    {
        var election = await _s.OpenAsync();
        var other = await _s.OpenAsync();

        var missing = await _s.Submitter.SubmitAsync(7, new SubmitVoteRequest(null, null), Ct);
        var notAnObject = await _s.Submitter.SubmitAsync(7, new SubmitVoteRequest(election.Id, JsonDocument.Parse("[1]").RootElement), Ct);
        var malformed = await _s.Submitter.SubmitAsync(7, new SubmitVoteRequest(election.Id, JsonDocument.Parse("""{"ciphertexts":[]}""").RootElement), Ct);
        // A ballot encrypted for another election's key: well-formed, but its proofs fail here.
        var otherKey = Ballot(other, 1) with { ElectionId = election.Id };
        var wrongElection = await _s.Submitter.SubmitAsync(7, otherKey, Ct);

        var fields = Assert.IsType<Failure.InvalidFields>(missing.Failure);
        Assert.Equal(["ballot", "election_id"], fields.Errors.Keys.Order().ToArray());
        Assert.Contains("ballot", Assert.IsType<Failure.InvalidFields>(notAnObject.Failure).Errors.Keys);
        Assert.StartsWith("The ballot is malformed: ", Assert.IsType<Failure.BadInput>(malformed.Failure).Detail);
        Assert.IsType<Failure.BadInput>(wrongElection.Failure);
        Assert.Empty(_s.Votes.Rows);
    }

    [Fact]
    public async Task A_concurrent_submit_of_the_same_voter_that_stores_first_wins()
    {
        var election = await _s.OpenAsync();
        var ballot = Ballot(election, 2);
        var concurrent = Ballot(election, 2);
        // Another request of the same voter stores its row between this request's checks and its admission.
        _s.Votes.BeforeAdmit = () =>
        {
            _s.Votes.BeforeAdmit = null;
            _s.Submitter.SubmitAsync(7, concurrent, Ct).GetAwaiter().GetResult();
        };

        var lost = await _s.Submitter.SubmitAsync(7, ballot, Ct);
        var sameAsWinner = await _s.Submitter.SubmitAsync(7, concurrent, Ct);

        Assert.Equal(new Failure.Conflict(VoteSubmitter.AlreadyVoted), lost.Failure);
        Assert.False(sameAsWinner.Value!.IsNew);
        Assert.Single(_s.Votes.Rows);
    }

    [Fact]
    public async Task An_election_closed_while_a_ballot_is_checked_takes_no_more_votes()
    {
        var election = await _s.OpenAsync();
        _s.Votes.BeforeAdmit = () => _s.Lifecycle.CloseAsync(election.Id, Ct).GetAwaiter().GetResult();

        var outcome = await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);

        Assert.IsType<Failure.Conflict>(outcome.Failure);
        Assert.Empty(_s.Votes.Rows);
    }

    [Fact]
    public async Task A_vote_is_accepted_when_no_validator_answers_and_waits_in_the_outbox()
    {
        var election = await _s.OpenAsync();
        _s.Chain.Unreachable = true;

        var outcome = await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);

        Assert.True(outcome.Value!.IsNew);
        var row = Assert.Single(_s.Votes.Rows);
        Assert.Equal(TxStatus.Pending, row.Status);
        Assert.Null(row.AcceptedBy);
        Assert.Contains("connection refused", row.LastError);
    }

    [Fact]
    public async Task The_voters_status_and_receipt_follow_the_outbox_row()
    {
        var election = await _s.OpenAsync();
        var before = await _s.Receipts.StatusAsync(7, election.Id, Ct);
        var submitted = await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);
        var block = _s.Chain.Seal();
        var row = _s.Votes.Rows.Single();
        (row.Status, row.BlockNumber, row.TxIndex) = (TxStatus.Final, (long)block.Index, 0);

        var after = await _s.Receipts.StatusAsync(7, election.Id, Ct);
        var receipt = await _s.Receipts.GetAsync(submitted.Value!.Receipt.TransactionId, Ct);

        Assert.False(before.Value!.HasVoted);
        Assert.Equal((true, "final"), (after.Value!.HasVoted, after.Value.Status));
        Assert.Equal("final", receipt.Value!.Status);
        Assert.Equal(block.Header.TransactionsRoot.ToString(), receipt.Value.TransactionsRoot);
        Assert.Equal(new Failure.BadInput("tx_hash must be 0x followed by 64 hex digits."), (await _s.Receipts.GetAsync("0x12", Ct)).Failure);
        Assert.IsType<Failure.NotFound>((await _s.Receipts.GetAsync("0x" + new string('a', 64), Ct)).Failure);
        Assert.IsType<Failure.InvalidFields>((await _s.Receipts.StatusAsync(7, null, Ct)).Failure);
    }
}
