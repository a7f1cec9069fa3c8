using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EVoting.Validator.Node;

/// <summary>/health data: height, finalized height, peers, sync state (merged into the JSON by ServiceDefaults' writer).</summary>
public sealed class NodeHealthCheck(ValidatorNode node) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Dictionary<string, object> data;
        lock (node.Sync)
        {
            data = new Dictionary<string, object>
            {
                ["node_id"] = node.NodeId,
                ["address"] = node.Address.ToString(),
                ["height"] = node.State.Height + 1,
                ["finalized_height"] = node.State.Height,
                ["peers"] = node.Peers.PeerCount,
                ["sync_state"] = node.Engine is null ? "starting" : node.IsSyncing ? "syncing" : "synced",
                ["mempool_size"] = node.Mempool.Count,
            };
        }
        return Task.FromResult(HealthCheckResult.Healthy("validator running", data));
    }
}
