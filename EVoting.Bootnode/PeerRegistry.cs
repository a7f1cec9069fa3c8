using System.Collections.Concurrent;

namespace EVoting.Bootnode;

/// <summary>A registered validator as the bootnode lists it (the seed's fields plus its address).</summary>
public sealed record PeerEntry(string NodeId, string Host, int P2PPort, int RpcPort, string Address, DateTimeOffset LastSeen)
{
    public object ToJson() => new Dictionary<string, object>
    {
        ["node_id"] = NodeId,
        ["host"] = Host,
        ["ip"] = Host,
        ["p2p_port"] = P2PPort,
        ["rpc_port"] = RpcPort,
        ["address"] = Address,
        ["public_key"] = Address,
        ["last_seen"] = LastSeen.ToUnixTimeSeconds(),
    };
}

/// <summary>The in-memory registry: one entry per node id, refreshed by each (heartbeat) registration, dropped when stale.</summary>
public sealed class PeerRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PeerEntry> _peers = new(StringComparer.Ordinal);

    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds or refreshes the entry, unless its node id is held by another validator's key: a
    /// validator could otherwise overwrite another's entry and steer new peers to itself. The
    /// holder returned is the entry that refused it (null when stored). A stale holder does not
    /// count, so a node id moves to a new key once its old owner has gone quiet.
    /// </summary>
    public PeerEntry? TryUpsert(PeerEntry entry)
    {
        while (true)
        {
            if (!_peers.TryGetValue(entry.NodeId, out var held))
            {
                if (_peers.TryAdd(entry.NodeId, entry))
                    return null;
                continue;
            }
            var stale = held.LastSeen < clock.GetUtcNow() - StaleAfter;
            if (!stale && !string.Equals(held.Address, entry.Address, StringComparison.OrdinalIgnoreCase))
                return held;
            if (_peers.TryUpdate(entry.NodeId, entry, held))
                return null;
        }
    }

    public IReadOnlyList<PeerEntry> All() => _peers.Values.OrderBy(p => p.NodeId, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PeerEntry> Except(string? nodeId) => All().Where(p => p.NodeId != nodeId).ToList();

    /// <summary>Removes peers not seen for <see cref="StaleAfter"/>; returns how many.</summary>
    public int RemoveStale()
    {
        var cutoff = clock.GetUtcNow() - StaleAfter;
        var removed = 0;
        foreach (var (id, entry) in _peers)
        {
            if (entry.LastSeen < cutoff && _peers.TryRemove(new KeyValuePair<string, PeerEntry>(id, entry)))
                removed++;
        }
        return removed;
    }
}

/// <summary>Sweeps stale peers every few seconds.</summary>
public sealed class StalePeerSweeper(PeerRegistry registry, ILogger<StalePeerSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = registry.RemoveStale();
                if (removed > 0)
                    logger.LogInformation("removed {Count} stale peers", removed);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
