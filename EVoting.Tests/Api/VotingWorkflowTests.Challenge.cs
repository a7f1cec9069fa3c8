using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace EVoting.Tests.Api;

/// <summary>Ballot challenges through the real API on MariaDB (docs/trustees.md#ballot-challenge), sharing the workflow's system.</summary>
public sealed partial class VotingWorkflowTests
{
    [Fact]
    public async Task A_challenged_ballot_is_listed_publicly_a_tampered_one_is_refused_and_the_challenged_one_can_never_be_cast()
    {
        var (election, id) = await OpenElectionAsync();
        var ballotElection = ApiSystem.BallotElection(election);
        var voter = await system.NewVoterAsync();
        var challenged = ChallengedBallots.Make(ballotElection, 2);
        var body = JsonNode.Parse(ChallengedBallots.Json(ballotElection, challenged))!;

        // Anonymous posts are refused; the voter's post is listed, and repeating it lists nothing new.
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", body)).StatusCode);
        var posted = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", body, voter);
        var receipt = await ApiSystem.ReadAsync(posted);
        Assert.True(posted.StatusCode == HttpStatusCode.Created, receipt?.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", body, voter)).StatusCode);

        var listed = await system.GetAsync($"/api/elections/{id}/spoiled");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var list = (await ApiSystem.ReadAsync(listed))!.AsArray();
        var item = Assert.Single(list);
        Assert.True(JsonNode.DeepEquals(body, item), item!.ToJsonString());

        // The listed JSON, saved to a file, passes `evoting ballot audit` with the election's public values.
        var file = Path.Combine(Path.GetTempPath(), $"spoiled-{id}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, list.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            var (exit, output) = await RunCliAsync("ballot", "audit", file, "--election-id", $"{id}",
                "--public-key", Str(election, "public_key"), "--candidates", "3");
            Assert.True(exit == 0, output);
            Assert.Contains(Str(receipt, "ballot_hash"), output);
        }
        finally
        {
            File.Delete(file);
        }

        // A nonce that does not open its ciphertext: 400 naming why, and the list is unchanged.
        var tampered = JsonNode.Parse(ChallengedBallots.Json(ballotElection, ChallengedBallots.WithWrongNonce(ChallengedBallots.Make(ballotElection, 1))))!;
        var refused = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", tampered, voter);
        var problem = await ApiSystem.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nonce or selection does not match", Str(problem, "detail"));
        // A body that is not JSON at all is a 400 too, never a 500.
        var garbage = new StringContent("{\"election_id\":", new MediaTypeHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", garbage, voter)).StatusCode);
        Assert.Single((await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/spoiled")))!.AsArray());

        // Casting the challenged ballot is refused (by any voter), and a fresh encryption of the same choice is accepted.
        var cast = await system.SubmitAsync(voter, id, JsonNode.Parse(EVoting.Ballots.BallotJson.Serialize(challenged.Ballot))!);
        var castProblem = await ApiSystem.ReadAsync(cast);
        Assert.Equal(HttpStatusCode.Conflict, cast.StatusCode);
        Assert.Contains("challenged", Str(castProblem, "detail"));
        var fresh = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 2));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);

        // Paging bounds are field errors, an unknown election is 404.
        Assert.Equal(HttpStatusCode.BadRequest, (await system.GetAsync($"/api/elections/{id}/spoiled?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.GetAsync("/api/elections/999999/spoiled")).StatusCode);
    }

    [Fact]
    public async Task Posting_is_rate_limited_per_account_with_retry_after_while_other_voters_are_not_held_up()
    {
        var (election, id) = await OpenElectionAsync();
        var ballotElection = ApiSystem.BallotElection(election);
        var voter = await system.NewVoterAsync();
        JsonNode Fresh() => JsonNode.Parse(ChallengedBallots.Json(ballotElection, ChallengedBallots.Make(ballotElection, 1)))!;

        // Spoiled:PermitsPerVoter is 10 per 600 s by default.
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", Fresh(), voter)).StatusCode);
        var limited = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", Fresh(), voter);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/spoiled", Fresh(), await system.NewVoterAsync())).StatusCode);
        Assert.Equal(11, (await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/spoiled")))!.AsArray().Count);
    }
}
