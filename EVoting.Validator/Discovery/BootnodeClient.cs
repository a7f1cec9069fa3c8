using System.Net.Http.Json;
using System.Text.Json;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Node;
using EVoting.Validator.Storage;

namespace EVoting.Validator.Discovery;

/// <summary>
/// Registers with the bootnode (signed by the validator key), discovers the other validators and
/// repeats both as a heartbeat. When the bootnode is down the node keeps dialing the peers it
/// already knows (remembered in the store across restarts).
/// </summary>
public sealed class BootnodeClient(NodeOptions options, ValidatorNode node, HttpClient http, ChainStore store, ILogger<BootnodeClient> logger) : BackgroundService
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.BootnodeUrl is null)
        {
            logger.LogInformation("no bootnode configured; using remembered and static peers only");
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RegisterAndDiscoverAsync(stoppingToken);
                if (failures > 0)
                    logger.LogInformation("bootnode reachable again");
                failures = 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                    logger.LogWarning("bootnode {Url} unreachable ({Error}); continuing with {Count} known peers", options.BootnodeUrl, e.Message, node.Peers.KnownPeers.Count);
            }
            try
            {
                await Task.Delay(failures == 0 ? Heartbeat : TimeSpan.FromSeconds(Math.Min(30, 2 * failures)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task RegisterAndDiscoverAsync(CancellationToken ct)
    {
        var registration = new PeerRegistration(options.NodeId, options.AdvertiseHost, node.Peers.ListenPort, options.RpcPort,
            options.Key.Address, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var body = new Dictionary<string, object>
        {
            ["node_id"] = registration.NodeId,
            ["host"] = registration.Host,
            ["ip"] = registration.Host,
            ["p2p_port"] = registration.P2PPort,
            ["rpc_port"] = registration.RpcPort,
            ["address"] = registration.Address.ToString(),
            ["timestamp"] = registration.Timestamp,
            ["signature"] = options.Key.Sign(registration.Digest()).ToString(),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var response = await http.PostAsJsonAsync(new Uri(options.BootnodeUrl!, "/register_peer"), body, timeout.Token);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        if (doc.RootElement.TryGetProperty("peers", out var peers) && peers.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in peers.EnumerateArray())
            {
                if (!p.TryGetProperty("address", out var a) || !Address.TryParse(a.GetString(), out var address) || address == options.Key.Address)
                    continue;
                var record = new PeerRecord(p.GetProperty("node_id").GetString() ?? "", p.GetProperty("host").GetString() ?? "",
                    p.GetProperty("p2p_port").GetInt32(), p.GetProperty("rpc_port").GetInt32(), address, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                node.Peers.Remember(record);
                store.SavePeer(record);
            }
        }
    }
}
