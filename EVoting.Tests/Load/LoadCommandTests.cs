using System.Text.Json.Nodes;
using EVoting.Api.Auth;
using EVoting.Tests.Hosting;
using EVoting.Cli;
using EVoting.Cli.Load;
using EVoting.Tests.Api;

namespace EVoting.Tests.Load;

/// <summary>
/// A small `evoting load` against the whole system (real MariaDB, API and three validators). It
/// asserts correctness — every accepted vote final exactly once and the tally equal to the
/// choices — not speed: speed is measured by the same command in docs/benchmarks.md.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoadCommandTests : ApiSystem
{
    protected override TestSystemOptions CreateOptions() => new() { BlockPeriodMs = 300 };

    [Fact]
    public async Task Load_run_makes_every_accepted_vote_final_exactly_once_and_bad_input_is_refused()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["load", "--api", Api.BaseAddress!.ToString(), "--voters", "150", "--elections", "2", "--concurrency", "16", "--candidates", "3",
             "--admin-email", AdminEmail, "--admin-password", AdminPassword, "--timeout-seconds", "240", "--processes", "--json"],
            new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}\n--- system log (tail) ---\n{string.Join('\n', Log.TakeLast(80))}");
        var report = JsonNode.Parse(output.ToString())!;
        Assert.Equal(2, report["election_ids"]!.AsArray().Count);
        // 300 votes: the short version of the benchmark's run (docs/benchmarks.md), for correctness only.
        Assert.Equal(300, report["votes"]!.GetValue<int>());
        Assert.Equal(300, report["accepted"]!.GetValue<int>());
        Assert.Equal(300, report["final"]!.GetValue<int>());
        Assert.Equal(300, report["on_chain"]!.GetValue<int>());
        Assert.Equal(0, report["lost"]!.GetValue<int>());
        Assert.Equal(0, report["duplicated"]!.GetValue<int>());
        Assert.True(report["tally_matches"]!.GetValue<bool>());
        Assert.True(report["final_per_second"]!.GetValue<double>() > 0);
        Assert.True(report["p99_submit_to_final_ms"]!.GetValue<double>() > 0);
        // Where the CPU went: the API and every validator verified the ballots during the timed phase.
        var processes = report["processes"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        foreach (var name in new[] { "api", "validator-1", "validator-2", "validator-3", "mariadb" })
        {
            Assert.True(processes.ContainsKey(name), $"no figures for {name}: {string.Join(", ", processes.Keys)}");
            Assert.True(processes[name]["rss_mb_max"]!.GetValue<double>() > 0, name);
        }
        Assert.True(processes["api"]["cpu_seconds"]!.GetValue<double>() > 0);
        // The outbox followed the votes without failing a pass (a failing pass only slows votes down, so nothing else shows it).
        Assert.DoesNotContain(Log, line => line.Contains("Outbox pass failed", StringComparison.Ordinal));

        // A long run outlives its tokens: a request refused with 401 logs in again and is resent once.
        var expired = new TokenIssuer(TokenIssuer.KeyFrom(App.GetParameterValue("jwt-signing-key")), TimeSpan.FromMinutes(10), TimeProvider.System)
            .Issue(1, AdminEmail, "admin", notBefore: DateTime.UtcNow.AddHours(-2));
        var session = new ApiSession(new ApiClient(Api), AdminEmail, AdminPassword, expired);
        var me = await session.RequireAsync(HttpMethod.Get, "/api/auth/me", null, "reading the profile", TestContext.Current.CancellationToken);
        Assert.Equal(AdminEmail, me["email"]!.GetValue<string>());
        Assert.Equal(1, session.Renewals);
        Assert.NotEqual(expired, session.Token);
        await session.RequireAsync(HttpMethod.Get, "/api/auth/me", null, "reading the profile", TestContext.Current.CancellationToken);
        Assert.Equal(1, session.Renewals); // the renewed token serves from then on
        var wrongPassword = new ApiSession(new ApiClient(Api), AdminEmail, "wrong", expired);
        var refused = await Assert.ThrowsAsync<LoadException>(() =>
            wrongPassword.SendAsync(HttpMethod.Get, "/api/auth/me", null, TestContext.Current.CancellationToken));
        Assert.Contains("login as " + AdminEmail, refused.Message);

        // Bad input on the same system (started once: it is expensive): usage errors and wrong credentials.
        error = new StringWriter();
        var config = new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = error };
        Assert.Equal(CliApp.UsageError, await CliApp.RunAsync(["load", "--api", Api.BaseAddress!.ToString(), "--voters", "0"], config));
        Assert.Equal(CliApp.UsageError, await CliApp.RunAsync(["load", "--api", Api.BaseAddress!.ToString(), "--elections", "0"], config));
        Assert.Equal(1, await CliApp.RunAsync(
            ["load", "--api", Api.BaseAddress!.ToString(), "--voters", "1", "--admin-email", AdminEmail, "--admin-password", "wrong"], config));
        Assert.Contains("login", error.ToString());
    }
}
