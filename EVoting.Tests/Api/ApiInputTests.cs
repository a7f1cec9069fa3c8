using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EVoting.Api.Auth;

namespace EVoting.Tests.Api;

/// <summary>
/// Bad input on every endpoint gets the right 4xx as problem details, against the real API process
/// and a real MariaDB (no chain: where the chain is needed the answer is 503).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApiInputTests(ApiOnlySystem system) : IClassFixture<ApiOnlySystem>
{
    private static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        return problem;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("""{"email":"x@example.org","full_name":"X"}""", "password")]
    [InlineData("""{"email":"not-an-email","password":"Passw0rd!","full_name":"X"}""", "email")]
    [InlineData("""{"email":"weak@example.org","password":"short","full_name":"X"}""", "password")]
    [InlineData("""{"email":"weak@example.org","password":"onlyletters","full_name":"X"}""", "password")]
    [InlineData("""{"email":"x@example.org","password":"Passw0rd!","full_name":"   "}""", "full_name")]
    public async Task Register_with_a_missing_or_invalid_field_names_the_field(string body, string field)
    {
        var problem = await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/register", Json(body)), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("""{"email":1,"password":"Passw0rd!","full_name":"X"}""", "$.email")]
    [InlineData("""{"email":"x@example.org","password":["a"],"full_name":"X"}""", "$.password")]
    [InlineData("""{"email":"x@example.org",""", null)]
    [InlineData("[1,2,3]", null)]
    public async Task Malformed_json_or_a_wrong_type_is_a_400_with_the_reason(string body, string? path)
    {
        var problem = await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/register", Json(body)), HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>());
        if (path is not null)
            Assert.Contains(path, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_body_a_wrong_content_type_and_a_huge_body_are_refused()
    {
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/register", Json("")), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/register",
            new StringContent("email=x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        var huge = "{\"email\":\"" + new string('a', 2 << 20) + "\",\"password\":\"Passw0rd!\",\"full_name\":\"X\"}";
        // Expect: 100-continue, so the client waits for the server's answer before sending the body:
        // without it the API's early 413 and close can race the client still writing (broken pipe).
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = Json(huge) };
        tooLarge.Headers.ExpectContinue = true;
        await AssertProblem(await system.Api.SendAsync(tooLarge, TestContext.Current.CancellationToken), HttpStatusCode.RequestEntityTooLarge);
        // The API still serves after all of that.
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/elections")).StatusCode);
    }

    [Fact]
    public async Task Registering_an_existing_email_conflicts_and_login_does_not_tell_unknown_from_wrong()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.org";
        var body = new { email, password = "Passw0rd!", full_name = "Dup" };
        Assert.Equal(HttpStatusCode.Created, (await system.SendAsync(HttpMethod.Post, "/api/auth/register", body)).StatusCode);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/register", body with { email = email.ToUpperInvariant() }), HttpStatusCode.Conflict);

        var wrong = await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "Wrong1234" }), HttpStatusCode.Unauthorized);
        var unknown = await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "nobody-" + email, password = "Wrong1234" }), HttpStatusCode.Unauthorized);
        Assert.Equal(wrong["detail"]!.GetValue<string>(), unknown["detail"]!.GetValue<string>());
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Repeated_failed_logins_are_rate_limited_with_retry_after()
    {
        var token = await system.NewVoterAsync();
        var me = await ApiSystem.ReadAsync(await system.SendAsync(HttpMethod.Get, "/api/auth/me", token: token));
        var email = me!["email"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
            await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "Wrong1234" }), HttpStatusCode.Unauthorized);

        var limited = await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "Passw0rd!" });
        await AssertProblem(limited, (HttpStatusCode)429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Missing_forged_and_expired_tokens_are_401_and_a_valid_one_works()
    {
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/auth/me"), HttpStatusCode.Unauthorized);
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/auth/me", token: "not.a.jwt"), HttpStatusCode.Unauthorized);

        var forged = new TokenIssuer(TokenIssuer.KeyFrom("some other key"), TimeSpan.FromHours(1), TimeProvider.System).Issue(1, "admin@evoting.local", "admin");
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/auth/me", token: forged), HttpStatusCode.Unauthorized);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections", new { title = "x" }, forged), HttpStatusCode.Unauthorized);

        var realKey = TokenIssuer.KeyFrom(system.App.GetParameterValue("jwt-signing-key"));
        var expired = new TokenIssuer(realKey, TimeSpan.FromMinutes(10), TimeProvider.System)
            .Issue(1, "admin@evoting.local", "admin", notBefore: DateTime.UtcNow.AddHours(-2));
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/auth/me", token: expired), HttpStatusCode.Unauthorized);

        var ok = await system.SendAsync(HttpMethod.Get, "/api/auth/me", token: await system.AdminTokenAsync());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("admin", (await ApiSystem.ReadAsync(ok))!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POST", "/api/elections")]
    [InlineData("POST", "/api/elections/1/open")]
    [InlineData("POST", "/api/elections/1/close")]
    [InlineData("POST", "/api/elections/1/tally")]
    [InlineData("POST", "/api/elections/1/roll")]
    [InlineData("GET", "/api/elections/1/roll/codes")]
    [InlineData("GET", "/api/admin/validators/health")]
    public async Task A_voter_on_an_admin_endpoint_is_forbidden_and_anonymous_is_unauthorized(string method, string path)
    {
        var voter = await system.NewVoterAsync();
        var body = method == "POST" ? new { title = "x" } : null;
        await AssertProblem(await system.SendAsync(new HttpMethod(method), path, body, voter), HttpStatusCode.Forbidden);
        await AssertProblem(await system.SendAsync(new HttpMethod(method), path, body), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Creating_an_election_validates_every_field()
    {
        var admin = await system.AdminTokenAsync();
        async Task<JsonNode> Bad(object body) =>
            (await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections", body, admin), HttpStatusCode.BadRequest))["errors"]!;

        Assert.NotNull((await Bad(new { description = "no title", candidates = new[] { new { name = "A" } } }))["title"]);
        Assert.NotNull((await Bad(new { title = "No candidates" }))["candidates"]);
        Assert.NotNull((await Bad(new { title = "Empty", candidates = Array.Empty<object>() }))["candidates"]);
        Assert.NotNull((await Bad(new { title = "Nameless", candidates = new[] { new { name = "" } } }))["candidates[0].name"]);
        Assert.NotNull((await Bad(new { title = "Too many", candidates = Enumerable.Range(0, 65).Select(i => new { name = $"c{i}" }) }))["candidates"]);
        Assert.NotNull((await Bad(new { title = "L > k", max_selections = 3, candidates = new[] { new { name = "A" }, new { name = "B" } } }))["max_selections"]);
        Assert.NotNull((await Bad(new { title = "Backwards", starts_at = "2030-01-02T00:00:00Z", ends_at = "2030-01-01T00:00:00Z", candidates = new[] { new { name = "A" } } }))["ends_at"]);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections", Json("""{"title":"x","candidates":"A,B"}"""), admin), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections", Json("""{"title":"x","starts_at":"yesterday","candidates":[{"name":"A"}]}"""), admin), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_created_election_has_its_key_and_election_hash_and_can_be_read_by_anyone()
    {
        var election = await system.CreateElectionAsync(candidates: 4, maxSelections: 2);
        var id = election["id"]!.GetValue<int>();
        Assert.Equal("draft", election["status"]!.GetValue<string>());
        Assert.Equal(66, election["public_key"]!.GetValue<string>().Length);
        Assert.Equal(ApiSystem.BallotElection(election).HashHex, election["election_hash"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4], election["candidates"]!.AsArray().Select(c => c!["position"]!.GetValue<int>()));

        var read = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}"));
        Assert.Equal(election["public_key"]!.GetValue<string>(), read!["public_key"]!.GetValue<string>());
        Assert.False(read["has_voted"]!.GetValue<bool>());
        var all = (await ApiSystem.ReadAsync(await system.GetAsync("/api/elections")))!.AsArray();
        Assert.Contains(all, e => e!["id"]!.GetValue<int>() == id);
        var active = (await ApiSystem.ReadAsync(await system.GetAsync("/api/elections/active")))!.AsArray();
        Assert.DoesNotContain(active, e => e!["id"]!.GetValue<int>() == id);
    }

    [Fact]
    public async Task Lifecycle_calls_out_of_order_conflict_and_unknown_ids_are_404()
    {
        var admin = await system.AdminTokenAsync();
        var id = (await system.CreateElectionAsync())["id"]!.GetValue<int>();

        await AssertProblem(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/close", token: admin), HttpStatusCode.Conflict);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin), HttpStatusCode.Conflict);
        await AssertProblem(await system.GetAsync($"/api/elections/{id}/results"), HttpStatusCode.Conflict);

        foreach (var path in new[] { "/api/elections/999999", "/api/elections/abc", "/api/elections/-1", "/api/elections/99999999999", "/api/elections/999999/results" })
            await AssertProblem(await system.GetAsync(path), HttpStatusCode.NotFound);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections/999999/open", token: admin), HttpStatusCode.NotFound);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/elections/999999/tally", token: admin), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Opening_without_a_reachable_chain_is_503_and_leaves_the_election_draft()
    {
        var id = (await system.CreateElectionAsync())["id"]!.GetValue<int>();
        var problem = await AssertProblem(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/open", token: await system.AdminTokenAsync()),
            HttpStatusCode.ServiceUnavailable);
        Assert.Contains("draft", problem["detail"]!.GetValue<string>());
        var read = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}"));
        Assert.Equal("draft", read!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Vote_submission_rejects_bad_requests_before_storing_anything()
    {
        var voter = await system.NewVoterAsync();
        var election = await system.CreateElectionAsync();
        var id = election["id"]!.GetValue<int>();
        var ballot = ApiSystem.Ballot(election, 1);

        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/votes/submit", new JsonObject { ["election_id"] = id, ["ballot"] = ballot.DeepClone() }), HttpStatusCode.Unauthorized);
        var missing = await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/votes/submit", new { }, voter), HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["election_id"]);
        Assert.NotNull(missing["errors"]!["ballot"]);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/votes/submit", Json("""{"election_id":"one","ballot":{}}"""), voter), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SendAsync(HttpMethod.Post, "/api/votes/submit", Json($$"""{"election_id":{{id}},"ballot":"0xdead"}"""), voter), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SubmitAsync(voter, 999999, ballot), HttpStatusCode.NotFound);
        var malformed = await AssertProblem(await system.SubmitAsync(voter, id, new JsonObject { ["ciphertexts"] = new JsonArray() }), HttpStatusCode.BadRequest);
        Assert.Contains("malformed", malformed["detail"]!.GetValue<string>());
        // A well-formed ballot for an election that is not open.
        await AssertProblem(await system.SubmitAsync(voter, id, ballot), HttpStatusCode.Conflict);

        var status = await ApiSystem.ReadAsync(await system.SendAsync(HttpMethod.Get, $"/api/votes/status?election_id={id}", token: voter));
        Assert.False(status!["has_voted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_receipt_and_blockchain_queries_validate_their_parameters()
    {
        var voter = await system.NewVoterAsync();
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/votes/status", token: voter), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/votes/status?election_id=x", token: voter), HttpStatusCode.BadRequest);
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/votes/status?election_id=999999", token: voter), HttpStatusCode.NotFound);
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/votes/status?election_id=1"), HttpStatusCode.Unauthorized);

        await AssertProblem(await system.GetAsync("/api/votes/receipt/0x1234"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/votes/receipt/0x" + new string('z', 64)), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/votes/receipt/0x" + new string('a', 64)), HttpStatusCode.NotFound);

        await AssertProblem(await system.GetAsync("/api/blockchain/blocks?limit=0"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/blockchain/blocks?limit=101"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/blockchain/blocks?from=-1"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/blockchain/blocks?from=abc"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/blockchain/blocks/abc"), HttpStatusCode.BadRequest);
        await AssertProblem(await system.GetAsync("/api/blockchain/blocks/1"), HttpStatusCode.ServiceUnavailable);
        await AssertProblem(await system.GetAsync("/api/blockchain/verify"), HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_under_api_are_problems()
    {
        await AssertProblem(await system.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
        await AssertProblem(await system.SendAsync(HttpMethod.Delete, "/api/elections"), HttpStatusCode.MethodNotAllowed);
        await AssertProblem(await system.SendAsync(HttpMethod.Get, "/api/votes/submit"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_are_served()
    {
        var doc = await ApiSystem.ReadAsync(await system.GetAsync("/openapi/v1.json"));
        Assert.NotNull(doc!["paths"]!["/api/votes/submit"]);
        Assert.NotNull(doc["paths"]!["/api/votes/receipt/{tx_hash}"]);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/scalar/")).StatusCode);
        var health = await system.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_running_API_serves_the_OpenAPI_document_the_frontend_types_are_generated_from()
    {
        var served = JsonNode.Parse(await system.Api.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        var committed = JsonNode.Parse(File.ReadAllText(Path.Combine(
            EVoting.Tests.Hosting.BuildOutput.RepositoryRoot, "frontend", "lib", "api", "openapi.json")))!.AsObject();
        // Only where it is served from differs between a running API and its build.
        served.Remove("servers");
        committed.Remove("servers");
        Assert.True(JsonNode.DeepEquals(served, committed),
            "the running API's /openapi/v1.json differs from frontend/lib/api/openapi.json: run `npm run gen:api` in frontend/ and commit both files it writes");
    }
}
