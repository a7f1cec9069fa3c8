using System.CommandLine;
using EVoting.Ballots;
using EVoting.Audit;
using EVoting.Chain;
using EVoting.Cli.Load;
using EVoting.Rpc;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting verify --rpc URL [--api URL] [--genesis FILE]`: an auditor's independent check of the
/// chain a validator serves (hashes, links, proposer signatures, commit certificates, transaction
/// roots, every transaction and ballot proof) and, with --api, of every published tally against
/// the ballots on that chain. Exit code 0: all verified; 1: problems found (listed); 2: could not read.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "A validator's JSON-RPC URL (e.g. http://localhost:8001/rpc; /rpc is added to a bare base URL)", Required = true };
        var api = new Option<string?>("--api") { Description = "The API base URL, to check the published tallies (e.g. http://localhost:8000)" };
        var genesis = new Option<FileInfo?>("--genesis") { Description = "The network's genesis.json (default: $GENESIS_PATH)" };
        var command = new Command("verify", "Independently verify the chain and the published tallies");
        command.Options.Add(rpc);
        command.Options.Add(api);
        command.Options.Add(genesis);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var genesisPath = parse.GetValue(genesis)?.FullName ?? Environment.GetEnvironmentVariable("GENESIS_PATH");
            if (string.IsNullOrEmpty(genesisPath))
            {
                await error.WriteLineAsync("verify: --genesis (or GENESIS_PATH) is required: the genesis names the validators whose signatures make blocks final.");
                return CliApp.UsageError;
            }
            Uri? apiUrl = null;
            if (!HttpUrl.TryParse(parse.GetValue(rpc), out var rpcUrl) || parse.GetValue(api) is { } a && !HttpUrl.TryParse(a, out apiUrl))
            {
                await error.WriteLineAsync("verify: --rpc and --api must be absolute http(s) URLs.");
                return CliApp.UsageError;
            }
            if (rpcUrl.AbsolutePath == "/")
                rpcUrl = new Uri(rpcUrl, "rpc");
            Genesis g;
            try
            {
                g = Genesis.LoadFile(genesisPath);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"verify: cannot load genesis {genesisPath}: {ex.Message}");
                return CliApp.UsageError;
            }
            return await RunAsync(g, rpcUrl, apiUrl is null ? null : HttpUrl.AsBase(apiUrl), parse.InvocationConfiguration.Output, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(Genesis genesis, Uri rpc, Uri? api, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        AuditReport report;
        var errors = new List<string>();
        try
        {
            // Blocks are fetched ahead while the auditor checks (ballot proofs in parallel across cores).
            var progress = new ProgressBar(Console.Error, enabled: !Console.IsErrorRedirected);
            var source = new PrefetchingBlockSource(new RpcBlockSource(new JsonRpcClient(http, rpc)))
            {
                Progress = (n, height) =>
                {
                    if (n % 16 == 0 || n == height) progress.Show("verify", (int)n, (int)height, "blocks");
                },
            };
            report = await new ChainAuditor(genesis, new BallotRule()).AdvanceAsync(source, ct);
            progress.Done();
            errors.AddRange(report.Errors);
            if (api is not null)
            {
                foreach (var (id, results) in await new VerifyApiReader(http, api).ReadTalliesAsync(ct))
                {
                    if (!report.Elections.TryGetValue(id, out var election))
                    {
                        errors.Add($"election {id}: a tally is published but the election is not on chain");
                        continue;
                    }
                    try
                    {
                        // The public key comes from the chain's election_open, not from the API.
                        var published = TallyJson.ParseResults(id, election.Election.PublicKey, null, results);
                        errors.AddRange(TallyAudit.Check(election, published));
                    }
                    catch (Exception ex) when (ex is BallotFormatException or InvalidOperationException or FormatException)
                    {
                        errors.Add($"election {id}: the published results do not parse: {ex.Message}");
                    }
                }
            }
        }
        catch (Exception ex) when (ex is RpcTransportException or RpcException or HttpRequestException or TaskCanceledException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            await output.WriteLineAsync($"verify: could not read: {ex.Message}");
            return 2;
        }

        await output.WriteLineAsync($"checked {report.CheckedBlocks} blocks, {report.TotalVotes} votes, {report.Elections.Count} elections");
        foreach (var (id, election) in report.Elections.OrderBy(e => e.Key))
            await output.WriteLineAsync($"election {id}: {election.DescribeTurnout()}");
        foreach (var e in errors)
            await output.WriteLineAsync("ERROR " + e);
        await output.WriteLineAsync(errors.Count == 0 ? "chain valid" + (api is null ? "" : ", tallies verified") : $"{errors.Count} problem(s) found");
        return errors.Count == 0 ? 0 : 1;
    }
}
