using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EVoting.Validator.Node;

/// <summary>/health data: height, finalized height, peers, sync state (merged into the JSON by ServiceDefaults' writer).</summary>
public sealed class NodeHealthCheck(ValidatorNode node) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = node.Snapshot; // never the event loop's state: /health answers while the loop is busy
        var data = new Dictionary<string, object>
        {
            ["node_id"] = node.NodeId,
            ["address"] = node.Address.ToString(),
            ["height"] = snapshot.Height + 1,
            ["finalized_height"] = snapshot.Height,
            ["peers"] = node.Peers.PeerCount,
            ["sync_state"] = snapshot.Round is null ? "starting" : snapshot.Syncing ? "syncing" : "synced",
            ["mempool_size"] = snapshot.MempoolCount,
        };
        return Task.FromResult(HealthCheckResult.Healthy("validator running", data));
    }
}
