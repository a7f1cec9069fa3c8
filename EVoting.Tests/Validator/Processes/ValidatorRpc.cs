using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// One validator at <paramref name="rpc"/> (its <c>/rpc</c> URL) through the shared <see cref="JsonRpcClient"/>,
/// with the shapes the process tests assert on (results as <see cref="JsonNode"/>) and the
/// tolerant probes their waits poll (a node that does not answer yet is not a failure).
/// </summary>
internal sealed class ValidatorRpc(HttpClient http, Uri rpc, string name)
{
    public string Name => name;

    public JsonRpcClient Client { get; } = new(http, rpc);

    /// <summary>The result of one call as a node (null for JSON null); a JSON-RPC error throws <see cref="RpcException"/>.</summary>
    public async Task<JsonNode?> ResultAsync(string method, JsonArray? @params, CancellationToken ct) =>
        JsonSerializer.SerializeToNode(await Client.ResultAsync(method, @params, ct));

    public async Task<string> SendAsync(Transaction tx, CancellationToken ct) => (await Client.SendTransactionAsync(tx, ct)).ToString();

    /// <summary>The final height, or null when the node does not answer.</summary>
    public async Task<ulong?> HeightAsync(CancellationToken ct)
    {
        try
        {
            return await Client.BlockNumberAsync(ct);
        }
        catch (Exception e) when (e is RpcTransportException or RpcException)
        {
            return null;
        }
    }

    public async Task<bool> IsFinalAsync(string txHash, CancellationToken ct)
    {
        try
        {
            return await Client.GetTransactionReceiptAsync(Hash32.Parse(txHash), ct) is not null;
        }
        catch (RpcTransportException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> BlockHashesAsync(ulong upTo, CancellationToken ct)
    {
        var hashes = new List<string>();
        for (ulong h = 0; h <= upTo; h++)
            hashes.Add((await Client.ResultAsync("eth_getBlockByNumber", [Quantity.Hex(h), false], ct)).GetProperty("hash").GetString()!);
        return hashes;
    }
}
