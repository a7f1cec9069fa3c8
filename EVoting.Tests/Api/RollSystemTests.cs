using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.Api;

/// <summary>
/// MariaDB and the API without validators, with the rate limits applied to loopback (the AppHost's
/// local run exempts it) and the chain re-check limited to 2 a minute, so a test can exceed it.
/// </summary>
public sealed class LimitedApiSystem : ApiSystem
{
    public const int MaxFailedLogins = 3;

    protected override TestSystemOptions CreateOptions() => new()
    {
        Without = ["frontend", "bootnode", "validator"],
        Environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["api"] = new Dictionary<string, string>
            {
                ["RateLimits__ExemptLoopback"] = "false",
                ["RateLimits__VerifyPerMinute"] = "2",
                ["RateLimits__RegisterPerMinute"] = "1000",
                ["RateLimits__LoginPerMinute"] = "1000",
                ["RateLimits__EnrolPerMinute"] = "1000",
                ["RateLimits__SubmitPerMinute"] = "1000",
                ["Auth__MaxFailedLogins"] = MaxFailedLogins.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        },
    };
}

/// <summary>Voter rolls, enrolment codes and the abuse limits through the real API on MariaDB (docs/voter-roll.md, docs/api.md "Abuse limits").</summary>
[Trait("Category", "Integration")]
public sealed class RollSystemTests(LimitedApiSystem system, ITestOutputHelper output) : IClassFixture<LimitedApiSystem>
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await ApiSystem.ReadAsync(response);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body!;
    }

    private async Task<int> RollElectionAsync(params string[] roll)
    {
        var id = (await system.CreateElectionAsync(eligibility: "roll"))["id"]!.GetValue<int>();
        await system.UploadRollAsync(id, roll);
        return id;
    }

    private async Task<JsonNode> ElectionAsync(int id, string token) => (await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}", token)))!;

    [Fact]
    public async Task A_roll_of_100000_lines_is_streamed_in_seconds_and_its_codes_download_once()
    {
        var id = (await system.CreateElectionAsync(eligibility: "roll"))["id"]!.GetValue<int>();
        var csv = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            csv.Append("Voter-").Append(i).Append("@Example.org\r\n");
        csv.Append("\n\nvoter-7@example.org\nvoter-99999@example.org\n");

        var upload = Stopwatch.StartNew();
        var stored = await system.UploadRollAsync(id, [csv.ToString()]);
        upload.Stop();
        var download = Stopwatch.StartNew();
        var codes = await system.RollCodesAsync(id);
        download.Stop();
        output.WriteLine($"100,000-line roll: upload {upload.Elapsed.TotalSeconds:0.0} s, codes {download.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal((100_000, 2L, 2L), (stored["entries"]!.GetValue<int>(), stored["duplicates"]!.GetValue<long>(), stored["blank_lines"]!.GetValue<long>()));
        Assert.True(upload.Elapsed < TimeSpan.FromSeconds(30), $"upload took {upload.Elapsed}");
        Assert.Equal(100_000, codes.Count);
        Assert.Equal(100_000, codes.Values.Distinct().Count());
        Assert.Matches("^[A-Z2-7]{5}(-[A-Z2-7]{5}){4}-[A-Z2-7]$", codes["voter-12345@example.org"]);
        Assert.Equal(100_000, (await ElectionAsync(id, await system.AdminTokenAsync()))["roll_entries"]!.GetValue<int>());
        var again = await ProblemAsync(await system.GetAsync($"/api/elections/{id}/roll/codes", await system.AdminTokenAsync()), HttpStatusCode.Conflict);
        Assert.Contains("shown only once", again["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_roll_line_is_a_400_naming_it_and_a_roll_needs_text_csv_and_an_admin()
    {
        var id = (await system.CreateElectionAsync(eligibility: "roll"))["id"]!.GetValue<int>();
        var admin = await system.AdminTokenAsync();

        var bad = await ProblemAsync(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/roll",
            new StringContent("a@x.org\nb@x.org,2nd column\n", Encoding.UTF8, "text/csv"), admin), HttpStatusCode.BadRequest);
        await ProblemAsync(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/roll", new { identifiers = "a@x.org" }, admin), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/roll",
            new StringContent("a@x.org", Encoding.UTF8, "text/csv"), await system.NewVoterAsync()), HttpStatusCode.Forbidden);
        var noRoll = await ProblemAsync(await system.GetAsync($"/api/elections/{id}/roll/codes", admin), HttpStatusCode.Conflict);

        Assert.Contains("line 2", bad["detail"]!.GetValue<string>());
        Assert.Contains("no roll yet", noRoll["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_an_unused_code_of_the_elections_roll_lets_an_account_cast_and_each_wrong_code_says_why()
    {
        var a = await RollElectionAsync("a1@example.org", "a2@example.org");
        var b = await RollElectionAsync("b1@example.org");
        var codesA = await system.RollCodesAsync(a);
        var codesB = await system.RollCodesAsync(b);
        var ballot = ApiSystem.Ballot((await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{a}")))!, 1);

        // Without a code: an account, but on no roll, so casting in a roll election is 403.
        var plainEmail = Email("plain");
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterAsync(plainEmail)).StatusCode);
        var plain = await system.LoginAsync(plainEmail, "Passw0rd!");
        Assert.False((await ElectionAsync(a, plain))["enrolled"]!.GetValue<bool>());
        var offRoll = await ProblemAsync(await system.SubmitAsync(plain, a, ballot), HttpStatusCode.Forbidden);
        Assert.Contains("not on the roll", offRoll["detail"]!.GetValue<string>());

        // With a code of election a: enrolled there (its submission passes the roll and stops at "not open": the election is a draft).
        var enrolledEmail = Email("enrolled");
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterAsync(enrolledEmail, codesA["a1@example.org"])).StatusCode);
        var enrolled = await system.LoginAsync(enrolledEmail, "Passw0rd!");
        Assert.True((await ElectionAsync(a, enrolled))["enrolled"]!.GetValue<bool>());
        Assert.False((await ElectionAsync(b, enrolled))["enrolled"]!.GetValue<bool>());
        Assert.Contains("is not open", (await ProblemAsync(await system.SubmitAsync(enrolled, a, ballot), HttpStatusCode.Conflict))["detail"]!.GetValue<string>());

        // The same code again: 409, and no account is created.
        var reusedEmail = Email("reused");
        var reused = await ProblemAsync(await system.RegisterAsync(reusedEmail, codesA["a1@example.org"]), HttpStatusCode.Conflict);
        Assert.Contains("already been used", reused["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = reusedEmail, password = "Passw0rd!" })).StatusCode);

        // Another election's code enrols in that election only.
        var otherEmail = Email("other");
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterAsync(otherEmail, codesB["b1@example.org"])).StatusCode);
        var other = await system.LoginAsync(otherEmail, "Passw0rd!");
        Assert.True((await ElectionAsync(b, other))["enrolled"]!.GetValue<bool>());
        await ProblemAsync(await system.SubmitAsync(other, a, ballot), HttpStatusCode.Forbidden);

        // Unknown and malformed codes.
        Assert.Contains("unknown", (await ProblemAsync(await system.RegisterAsync(Email("unknown"), "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F"), HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        Assert.NotNull((await ProblemAsync(await system.RegisterAsync(Email("malformed"), "12345"), HttpStatusCode.BadRequest))["errors"]!["enrolment_code"]);

        // A logged-in account enrols later with POST /api/auth/enrol; a used code is 409 there too.
        var enrol = await system.SendAsync(HttpMethod.Post, "/api/auth/enrol", new { code = codesA["a2@example.org"] }, plain);
        Assert.Equal(a, (await ApiSystem.ReadAsync(enrol))!["election_id"]!.GetValue<int>());
        Assert.True((await ElectionAsync(a, plain))["enrolled"]!.GetValue<bool>());
        await ProblemAsync(await system.SendAsync(HttpMethod.Post, "/api/auth/enrol", new { code = codesA["a2@example.org"] }, other), HttpStatusCode.Conflict);
        await ProblemAsync(await system.SendAsync(HttpMethod.Post, "/api/auth/enrol", new { code = codesA["a2@example.org"] }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_roll_upload_command_streams_the_file_writes_the_codes_once_and_never_overwrites_them()
    {
        var id = (await system.CreateElectionAsync(eligibility: "roll"))["id"]!.GetValue<int>();
        var dir = Directory.CreateTempSubdirectory("evoting-roll-");
        var roll = Path.Combine(dir.FullName, "roll.csv");
        await File.WriteAllLinesAsync(roll, Enumerable.Range(0, 500).Select(i => $"{i:000000}"), TestContext.Current.CancellationToken);
        var codes = Path.Combine(dir.FullName, "codes.csv");
        string[] Args(string output) =>
            ["roll", "upload", "--api", system.Api.BaseAddress!.ToString(), "--election", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--file", roll, "--out", output, "--admin-email", system.AdminEmail, "--admin-password", system.AdminPassword];

        var (exit, said) = await RunCliAsync(Args(codes));
        var (overwrite, refusedToOverwrite) = await RunCliAsync(Args(codes));
        var (again, secondDownload) = await RunCliAsync(Args(Path.Combine(dir.FullName, "again.csv")));

        Assert.True(exit == 0, said);
        Assert.Contains("500 entries", said);
        var lines = await File.ReadAllLinesAsync(codes, TestContext.Current.CancellationToken);
        Assert.Equal(["identifier", .. Enumerable.Range(0, 500).Select(i => $"{i:000000}")], lines.Select(l => l.Split(',')[0]));
        Assert.Equal(2, overwrite);
        Assert.Contains("exists", refusedToOverwrite);
        // The second upload replaced the roll (voiding the codes) and so could download new ones: the file's codes no longer work.
        Assert.True(again == 0, secondDownload);
        var first = lines[1].Split(',')[1];
        var stale = await ProblemAsync(await system.RegisterAsync(Email("stale"), first), HttpStatusCode.BadRequest);
        Assert.Contains("unknown", stale["detail"]!.GetValue<string>());
        dir.Delete(recursive: true);
    }

    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await EVoting.Cli.CliApp.RunAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Fifty_parallel_wrong_logins_for_one_account_evaluate_at_most_the_limit_and_the_rest_get_429()
    {
        var email = Email("target");
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterAsync(email)).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            system.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = $"Wrong{i:0000}" })));

        var wrong = responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(wrong <= LimitedApiSystem.MaxFailedLogins, $"{wrong} passwords were checked");
        Assert.Equal(50, wrong + limited.Count);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero));
    }

    [Fact]
    public async Task A_throttled_request_gets_429_with_retry_after_and_a_problem_body()
    {
        // Two chain re-checks a minute per address (they answer 503 here: no validator runs), the third is throttled.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(await system.GetAsync("/api/blockchain/verify"));

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], answers.Take(2).Select(r => r.StatusCode));
        var throttled = await ProblemAsync(answers[2], HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", throttled["title"]!.GetValue<string>());
        var retryAfter = answers[2].Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1), $"Retry-After {retryAfter}");
    }
}
