using System.CommandLine;
using EVoting.Cli.Load;

namespace EVoting.Cli.Commands;

/// <summary>`evoting load`: drives a running system and reports throughput, latency and correctness.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base URL of the EVoting API", Required = true };
        api.Validators.Add(r =>
        {
            if (r.Tokens is [var t] && !Uri.TryCreate(t.Value, UriKind.Absolute, out _)) r.AddError("--api must be an absolute URL");
        });
        var voters = new Option<int>("--voters") { Description = "Number of voters", DefaultValueFactory = _ => 100 };
        var elections = new Option<int>("--elections") { Description = "Elections to run at once; every voter votes in each", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 16 };
        var candidates = new Option<int>("--candidates") { Description = "Candidates in the election", DefaultValueFactory = _ => 5 };
        var admin = new AdminCredentials();
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait for finality and the tally", DefaultValueFactory = _ => 300 };
        var noTally = new Option<bool>("--no-tally") { Description = "Do not close and tally the election at the end" };
        var processes = new Option<bool>("--processes")
        {
            Description = "Also report CPU and memory of the system's processes on this machine during the timed phase (Linux)",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table" };
        foreach (var o in new[] { voters, elections, concurrency, candidates, timeout })
            o.Validators.Add(r =>
            {
                if (r.Tokens is [var t] && int.TryParse(t.Value, out var n) && n < 1) r.AddError($"{r.IdentifierToken?.Value} must be at least 1");
            });

        var load = new Command("load", "Create elections and voters on a running system, submit their ballots with concurrency C, wait until final, report")
        {
            api, voters, elections, concurrency, candidates, admin.Email, admin.Password, timeout, noTally, processes, json,
        };
        load.SetAction(async (parse, ct) =>
        {
            var config = parse.InvocationConfiguration;
            if (!admin.TryRead(parse, out var email, out var password))
            {
                await config.Error.WriteLineAsync(AdminCredentials.Missing);
                return CliApp.UsageError;
            }
            var options = new LoadOptions(new Uri(parse.GetValue(api)!), parse.GetValue(voters), parse.GetValue(elections), parse.GetValue(concurrency),
                parse.GetValue(candidates), email, password, TimeSpan.FromSeconds(parse.GetValue(timeout)), !parse.GetValue(noTally),
                parse.GetValue(processes));
            if (options.SampleProcesses && !ProcessSampler.Supported)
            {
                await config.Error.WriteLineAsync("--processes needs Linux /proc");
                return CliApp.UsageError;
            }
            var asJson = parse.GetValue(json);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 })
            {
                BaseAddress = options.Api,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var progress = new ProgressBar(config.Error, enabled: !asJson && !Console.IsErrorRedirected);
            var log = asJson ? TextWriter.Null : config.Output;
            try
            {
                var report = await new LoadRun(new ApiClient(http), options, progress, log).RunAsync(ct);
                if (asJson) await config.Output.WriteLineAsync(report.ToJson());
                else report.Print(config.Output);
                return report.Correct ? 0 : 1;
            }
            catch (Exception e) when (e is LoadException or HttpRequestException)
            {
                await config.Error.WriteLineAsync("load run failed: " + e.Message);
                return 1;
            }
        });
        return load;
    }
}
