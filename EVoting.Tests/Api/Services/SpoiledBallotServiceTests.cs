using System.Text.Json;
using EVoting.Api.Challenges;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Api.Votes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>Posting and listing challenged ballots (SpoiledBallotService) against in-memory stores, with real ballot cryptography.</summary>
public sealed class SpoiledBallotServiceTests
{
    private const int Voter = 7;
    private readonly ServiceHarness _s = new(maxSpoiledPerElection: 2);

    [Fact]
    public async Task A_challenged_ballot_that_opens_to_its_choice_is_listed_once_in_the_form_it_was_posted()
    {
        var election = await _s.OpenAsync();
        var ballotElection = election.ToBallotElection();
        var challenged = ChallengedBallots.Make(ballotElection, 2);

        var posted = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, challenged), Ct);
        var repeated = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, challenged), Ct);

        Assert.True(posted.Value!.IsNew, posted.ToString());
        Assert.Equal(BallotHash.ComputeHex(ballotElection, challenged.Ballot), posted.Value.Receipt.BallotHash);
        Assert.False(repeated.Value!.IsNew);
        Assert.Equal(posted.Value.Receipt, repeated.Value.Receipt);
        var listed = Assert.Single((await _s.SpoiledBallots.ListAsync(election.Id, null, null, Ct)).Value!);
        Assert.Equal(ChallengedBallots.Json(ballotElection, challenged), listed.GetRawText());
        Assert.Null(TrusteeVerifier.VerifyChallengedBallot(ballotElection, listed.GetRawText()));
    }

    [Fact]
    public async Task A_nonce_that_does_not_open_the_ciphertext_is_refused_and_nothing_is_stored()
    {
        var election = await _s.OpenAsync();
        var ballotElection = election.ToBallotElection();
        var tampered = ChallengedBallots.WithWrongNonce(ChallengedBallots.Make(ballotElection, 1), index: 2);

        var outcome = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, tampered), Ct);

        Assert.Equal(new Failure.BadInput("The challenged ballot does not check: " + TrusteeErrors.SpoiledNonceMismatch), outcome.Failure);
        Assert.Empty(_s.Spoiled.Rows);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"election_id": 1}""", TrusteeErrors.MissingField)]
    [InlineData("""{"election_id": 1, "ballot": {}, "selections": [], "nonces": [], "voter": "x"}""", TrusteeErrors.UnknownField)]
    public async Task Malformed_bodies_are_bad_input_naming_the_defect(string body, string expected)
    {
        var election = await _s.OpenAsync();

        var outcome = await _s.SpoiledBallots.PostAsync(election.Id, Voter, JsonSerializer.Deserialize<JsonElement>(body), Ct);

        var bad = Assert.IsType<Failure.BadInput>(outcome.Failure);
        Assert.Contains(expected, bad.Detail);
    }

    [Fact]
    public async Task A_challenged_ballot_of_another_election_is_refused_before_its_proofs_are_checked()
    {
        var election = await _s.OpenAsync();
        var other = await _s.OpenAsync();
        var otherElection = other.ToBallotElection();

        var outcome = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(otherElection, ChallengedBallots.Make(otherElection, 1)), Ct);

        Assert.Equal(new Failure.BadInput("The challenged ballot is malformed: " + BallotErrors.WrongElection), outcome.Failure);
    }

    [Fact]
    public async Task Unknown_elections_are_not_found_and_a_draft_or_closed_election_takes_no_challenges()
    {
        var draft = await _s.DraftAsync();
        var body = ChallengedBallots.Element(draft.ToBallotElection(), ChallengedBallots.Make(draft.ToBallotElection(), 1));

        Assert.IsType<Failure.NotFound>((await _s.SpoiledBallots.PostAsync(999, Voter, body, Ct)).Failure);
        Assert.IsType<Failure.NotFound>((await _s.SpoiledBallots.ListAsync(999, null, null, Ct)).Failure);
        Assert.IsType<Failure.Conflict>((await _s.SpoiledBallots.PostAsync(draft.Id, Voter, body, Ct)).Failure);
        Assert.Empty(_s.Spoiled.Rows);
    }

    [Fact]
    public async Task The_list_holds_at_most_its_cap_per_election()
    {
        var election = await _s.OpenAsync();
        var ballotElection = election.ToBallotElection();
        for (var i = 0; i < 2; i++)
            Assert.True((await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, ChallengedBallots.Make(ballotElection, 1)), Ct)).Succeeded);

        var third = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, ChallengedBallots.Make(ballotElection, 1)), Ct);

        Assert.Equal(new Failure.Conflict(SpoiledBallotService.ListFull), third.Failure);
        Assert.Equal(2, _s.Spoiled.Rows.Count);
    }

    [Fact]
    public async Task A_challenged_ballot_is_never_cast_and_a_cast_ballot_is_never_spoiled()
    {
        var election = await _s.OpenAsync();
        var ballotElection = election.ToBallotElection();
        var challenged = ChallengedBallots.Make(ballotElection, 3);
        Assert.True((await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, challenged), Ct)).Succeeded);

        var cast = await _s.Submitter.SubmitAsync(7, new SubmitVoteRequest(election.Id, JsonSerializer.Deserialize<JsonElement>(BallotJson.Serialize(challenged.Ballot))), Ct);

        Assert.Equal(new Failure.Conflict(VoteSubmitter.Spoiled), cast.Failure);
        Assert.Empty(_s.Votes.Rows);

        // The other way round: the ballot of a vote already cast cannot be posted with its nonces.
        var voted = ChallengedBallots.Make(ballotElection, 1);
        Assert.True((await _s.Submitter.SubmitAsync(8, new SubmitVoteRequest(election.Id, JsonSerializer.Deserialize<JsonElement>(BallotJson.Serialize(voted.Ballot))), Ct)).Succeeded);
        var spoilCast = await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, voted), Ct);
        Assert.Equal(new Failure.Conflict(SpoiledBallotService.AlreadyCast), spoilCast.Failure);
    }

    [Theory]
    [InlineData(-1, null, "offset")]
    [InlineData(null, 0, "limit")]
    [InlineData(null, 101, "limit")]
    public async Task Paging_out_of_range_is_a_field_error(int? offset, int? limit, string field)
    {
        var election = await _s.OpenAsync();

        var outcome = await _s.SpoiledBallots.ListAsync(election.Id, offset, limit, Ct);

        Assert.Contains(field, Assert.IsType<Failure.InvalidFields>(outcome.Failure).Errors.Keys);
    }

    [Fact]
    public async Task Pages_follow_the_posting_order()
    {
        var election = await _s.OpenAsync();
        var ballotElection = election.ToBallotElection();
        var posted = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var c = ChallengedBallots.Make(ballotElection, i + 1);
            await _s.SpoiledBallots.PostAsync(election.Id, Voter, ChallengedBallots.Element(ballotElection, c), Ct);
            posted.Add(ChallengedBallots.Json(ballotElection, c));
        }

        var second = await _s.SpoiledBallots.ListAsync(election.Id, offset: 1, limit: 1, Ct);

        Assert.Equal(posted[1], Assert.Single(second.Value!).GetRawText());
    }
}
