using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Tests.Validator.Processes;

/// <summary>JSON-RPC to one validator at <paramref name="rpc"/> (its <c>/rpc</c> URL), the calls the process tests need.</summary>
internal sealed class ValidatorRpc(HttpClient http, Uri rpc, string name)
{
    public string Name => name;

    /// <summary>Calls one method; returns the whole response object (result or error).</summary>
    public async Task<JsonObject> CallAsync(string method, JsonArray? @params, CancellationToken ct)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = @params ?? [] };
        using var response = await http.PostAsync(rpc, new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
    }

    public async Task<JsonNode?> ResultAsync(string method, JsonArray? @params, CancellationToken ct)
    {
        var response = await CallAsync(method, @params, ct);
        if (response["error"] is { } error)
            throw new InvalidOperationException($"{name} {method}: {error.ToJsonString()}");
        return response["result"];
    }

    public async Task<string> SendAsync(Transaction tx, CancellationToken ct) =>
        (await ResultAsync("eth_sendTransaction", [new JsonObject { ["data"] = TransactionJson.ToData(tx) }], ct))!.GetValue<string>();

    /// <summary>The final height, or null when the node does not answer.</summary>
    public async Task<ulong?> HeightAsync(CancellationToken ct)
    {
        try
        {
            var result = await ResultAsync("eth_blockNumber", null, ct);
            return Convert.ToUInt64(result!.GetValue<string>()[2..], 16);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<bool> IsFinalAsync(string txHash, CancellationToken ct)
    {
        try
        {
            return await ResultAsync("eth_getTransactionReceipt", [txHash], ct) is JsonObject;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> BlockHashesAsync(ulong upTo, CancellationToken ct)
    {
        var hashes = new List<string>();
        for (ulong h = 0; h <= upTo; h++)
            hashes.Add((await ResultAsync("eth_getBlockByNumber", ["0x" + h.ToString("x"), false], ct))!["hash"]!.GetValue<string>());
        return hashes;
    }
}
