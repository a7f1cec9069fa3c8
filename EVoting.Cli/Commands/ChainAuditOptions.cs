using System.CommandLine;
using EVoting.Audit;
using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Cli.Load;
using EVoting.Rpc;

namespace EVoting.Cli.Commands;

/// <summary>
/// `--rpc URL` and `--genesis FILE` of the audit commands (`verify`, `tally verify --rpc`): the validator to read final
/// blocks from and the genesis that says whose signatures make them final; and the chain audit they run on them.
/// </summary>
public sealed class ChainAuditOptions
{
    public Option<string?> Rpc { get; } = new("--rpc") { Description = "A validator's JSON-RPC URL (e.g. http://localhost:8001/rpc; /rpc is added to a bare base URL)" };

    public Option<FileInfo?> Genesis { get; } = new("--genesis") { Description = "The network's genesis.json (default: $GENESIS_PATH)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Rpc);
        command.Options.Add(Genesis);
    }

    /// <summary>The RPC URL and the genesis, or null after writing why not to <paramref name="error"/> (a usage error).</summary>
    public async Task<(Uri Rpc, Genesis Genesis)?> ResolveAsync(ParseResult parse, string command, TextWriter error)
    {
        var genesisPath = parse.GetValue(Genesis)?.FullName ?? Environment.GetEnvironmentVariable("GENESIS_PATH");
        if (string.IsNullOrEmpty(genesisPath))
        {
            await error.WriteLineAsync($"{command}: --genesis (or GENESIS_PATH) is required: the genesis names the validators whose signatures make blocks final.");
            return null;
        }
        if (!HttpUrl.TryParse(parse.GetValue(Rpc), out var rpcUrl))
        {
            await error.WriteLineAsync($"{command}: --rpc and --api must be absolute http(s) URLs.");
            return null;
        }
        if (rpcUrl.AbsolutePath == "/")
            rpcUrl = new Uri(rpcUrl, "rpc");
        try
        {
            return (rpcUrl, Chain.Genesis.LoadFile(genesisPath));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{command}: cannot load genesis {genesisPath}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// Every final block from genesis, by the validators' own rules, with each election's ballots summed. Blocks are
    /// fetched ahead while the auditor checks (ballot proofs in parallel across cores), with a progress bar on a terminal.
    /// </summary>
    public static async Task<AuditReport> AuditAsync(HttpClient http, Genesis genesis, Uri rpc, CancellationToken ct)
    {
        var progress = new ProgressBar(Console.Error, enabled: !Console.IsErrorRedirected);
        var source = new PrefetchingBlockSource(new RpcBlockSource(new JsonRpcClient(http, rpc)))
        {
            Progress = (n, height) =>
            {
                if (n % 16 == 0 || n == height) progress.Show("verify", (int)n, (int)height, "blocks");
            },
        };
        var report = await new ChainAuditor(genesis, new BallotRule()).AdvanceAsync(source, ct);
        progress.Done();
        return report;
    }

    /// <summary>What reading the chain or the API can throw: the command exits 2 with the message.</summary>
    public static bool IsReadFailure(Exception ex) =>
        ex is RpcTransportException or RpcException or HttpRequestException or TaskCanceledException or InvalidDataException
            or FormatException or System.Text.Json.JsonException;
}
