using System.Text.Json;
using EVoting.Api.Data;
using EVoting.Rpc;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Blockchain;

public sealed record ValidatorHealthEntry(
    string NodeId, string? Address, string Endpoint, bool Reachable, ulong? Height, int? Peers, ulong? Lag, string? Error);

/// <summary>
/// Asks each validator (every endpoint service discovery knows) for its status: `poa_status` when it
/// answers, else `eth_blockNumber` and `net_peerCount`. Lag is the distance to the highest height
/// seen. Reachable validators are recorded in validator_nodes with a heartbeat.
/// </summary>
public sealed class ValidatorHealth(ValidatorRpcFactory rpc, ValidatorEndpoints endpoints, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<ValidatorHealthEntry>> CheckAsync(CancellationToken ct)
    {
        var urls = await endpoints.ResolveAsync(ct);
        var entries = await Task.WhenAll(urls.Select(u => CheckOneAsync(u, ct)));
        var best = entries.Max(e => e.Height) ?? 0;
        var result = entries.Select(e => e with { Lag = e.Height is { } h ? best - h : null }).ToArray();
        await RecordAsync(result, ct);
        return result;
    }

    private async Task<ValidatorHealthEntry> CheckOneAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var client = rpc.For(url);
        try
        {
            var status = await client.CallAsync("poa_status", null, timeout.Token);
            string nodeId = url.Authority;
            string? address = null;
            ulong? height = null;
            int? peers = null;
            if (status.Error is null && status.Result.ValueKind == JsonValueKind.Object)
            {
                var s = status.Result;
                nodeId = Str(s, "node_id") ?? nodeId;
                address = Str(s, "address") ?? Str(s, "validator");
                // finalized_height is the head's number (what eth_blockNumber says); `height` there counts blocks.
                height = Num(s, "finalized_height") ?? Num(s, "block_number");
                peers = s.TryGetProperty("peers", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.GetArrayLength()
                    : (int?)Num(s, "peers");
            }
            // A validator that answers is reachable even when it refuses these (an error object, not a transport failure).
            height ??= await OrNull(client.BlockNumberAsync(timeout.Token));
            if (peers is null && await OrNull(client.ResultAsync("net_peerCount", null, timeout.Token)) is { } count)
                peers = Quantity.TryParse(count, out var p) ? (int)p : null;
            return new ValidatorHealthEntry(nodeId, address, url.ToString(), true, height, peers, null, null);
        }
        catch (Exception ex) when (ex is RpcTransportException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ValidatorHealthEntry(url.Authority, null, url.ToString(), false, null, null, null, ex.Message);
        }
    }

    private async Task RecordAsync(IReadOnlyList<ValidatorHealthEntry> entries, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EVotingDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in entries)
        {
            var node = await db.Validators.SingleOrDefaultAsync(n => n.NodeId == e.NodeId, ct);
            if (node is null)
                db.Validators.Add(node = new ValidatorRecord { NodeId = e.NodeId, Endpoint = e.Endpoint, RegisteredAt = now });
            node.Endpoint = e.Endpoint;
            node.Address = e.Address ?? node.Address;
            node.Active = e.Reachable;
            if (e.Reachable)
                node.LastHeartbeat = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two health checks raced to insert the same node; the next check records it.
        }
    }

    private static async Task<T?> OrNull<T>(Task<T> call) where T : struct
    {
        try
        {
            return await call;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static ulong? Num(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && Quantity.TryParse(v, out var n) ? n : null;
}
