using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Ballots.Audit;
using EVoting.Chain;

namespace EVoting.Cli.Commands;

/// <summary>Reads final blocks from one validator's standard JSON-RPC (eth_blockNumber, eth_getBlockByNumber).</summary>
public sealed class VerifyRpcSource(HttpClient http, Uri rpcUrl) : IBlockSource
{
    private long _id;

    public async Task<ulong> GetHeightAsync(CancellationToken ct)
    {
        var result = await CallAsync("eth_blockNumber", [], ct);
        return TryQuantity(result, out var n) ? n : throw new InvalidDataException("eth_blockNumber did not return a quantity");
    }

    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        var result = await CallAsync("eth_getBlockByNumber", new JsonArray("0x" + number.ToString("x", CultureInfo.InvariantCulture), true), ct);
        return result.ValueKind == JsonValueKind.Null ? null : RpcBlockJson.ToBlock(result);
    }

    private async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken ct)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters, ["id"] = ++_id };
        using var response = await http.PostAsJsonAsync(rpcUrl, request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            throw new InvalidDataException($"{method}: {error}");
        return doc.RootElement.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new InvalidDataException($"{method}: the response has no result");
    }

    private static bool TryQuantity(JsonElement e, out ulong value)
    {
        value = 0;
        var s = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return s is not null && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
