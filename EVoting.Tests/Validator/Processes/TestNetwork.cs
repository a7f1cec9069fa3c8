using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// A bootnode and n validators as real child processes on loopback with random free ports and
/// their own data directories, plus each validator's JSON-RPC client (<see cref="ValidatorRpc"/>) and waiting helpers.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evoting-net-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public TestNetwork(int validators = 3, int blockPeriodMs = 200, int roundTimeoutMs = 600)
    {
        Genesis = TestTransactions.CreateGenesis(validators, out var keys, out var submitter, blockPeriodMs, roundTimeoutMs);
        Keys = keys;
        Submitter = submitter;
        Directory.CreateDirectory(_root);
        BootnodePort = FreePort.Next();
        Bootnode = new NodeProcess("bootnode", "EVoting.Bootnode", new Dictionary<string, string>
        {
            ["BOOTNODE_PORT"] = BootnodePort.ToString(),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{BootnodePort}",
        });
        var genesisJson = Genesis.ToJson();
        Validators = keys.Select((key, i) =>
        {
            var rpc = FreePort.Next();
            return new NodeProcess($"validator-{i + 1}", "EVoting.Validator", new Dictionary<string, string>
            {
                ["NODE_ID"] = $"validator-{i + 1}",
                ["PRIVATE_KEY"] = key.ToHex(),
                ["BOOTNODE_URL"] = $"http://127.0.0.1:{BootnodePort}",
                ["RPC_PORT"] = rpc.ToString(),
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{rpc}",
                ["P2P_PORT"] = FreePort.Next().ToString(),
                ["P2P_HOST"] = "127.0.0.1",
                ["GENESIS_JSON"] = genesisJson,
                ["DATA_DIR"] = Path.Combine(_root, $"validator-{i + 1}"),
            });
        }).ToArray();
    }

    public Genesis Genesis { get; }

    public EthKey[] Keys { get; }

    public EthKey Submitter { get; }

    public int BootnodePort { get; }

    public NodeProcess Bootnode { get; }

    public NodeProcess[] Validators { get; }

    /// <summary>Starts the bootnode and the first <paramref name="validators"/> validators (all by default).</summary>
    public async Task StartAsync(CancellationToken ct, int? validators = null)
    {
        Bootnode.Start();
        await WaitUntilAsync(async () => (await _http.GetAsync($"http://127.0.0.1:{BootnodePort}/health", ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(120), "bootnode healthy", ct);
        var started = Validators.Take(validators ?? Validators.Length).ToList();
        foreach (var v in started)
            v.Start();
        foreach (var v in started)
            await WaitUntilAsync(async () => await HeightAsync(v, ct) is not null, TimeSpan.FromSeconds(120), $"{v.Name} serving RPC", ct);
    }

    public HttpClient Http => _http;

    public string RpcUrl(NodeProcess validator) => $"http://127.0.0.1:{validator.Environment["RPC_PORT"]}/rpc";

    public string DataDir(NodeProcess validator) => validator.Environment["DATA_DIR"];

    public ValidatorRpc Rpc(NodeProcess validator) => new(_http, new Uri(RpcUrl(validator)), validator.Name);

    public Task<JsonNode?> ResultAsync(NodeProcess validator, string method, JsonArray? @params, CancellationToken ct) => Rpc(validator).ResultAsync(method, @params, ct);

    public Task<string> SendAsync(NodeProcess validator, Transaction tx, CancellationToken ct) => Rpc(validator).SendAsync(tx, ct);

    /// <summary>The final height, or null when the node does not answer.</summary>
    public Task<ulong?> HeightAsync(NodeProcess validator, CancellationToken ct) => Rpc(validator).HeightAsync(ct);

    public Task<bool> IsFinalAsync(NodeProcess validator, string txHash, CancellationToken ct) => Rpc(validator).IsFinalAsync(txHash, ct);

    public Task<IReadOnlyList<string>> BlockHashesAsync(NodeProcess validator, ulong upTo, CancellationToken ct) => Rpc(validator).BlockHashesAsync(upTo, ct);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RpcTransportException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            await Task.Delay(200, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var v in Validators)
            await v.DisposeAsync();
        await Bootnode.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
