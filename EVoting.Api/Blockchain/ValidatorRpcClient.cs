using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EVoting.Api.Blockchain;

/// <summary>
/// JSON-RPC 2.0 over HTTP to the validators (`POST {base}/rpc`). Each call starts at the next
/// validator in turn and fails over to the others when one cannot be reached; which one answered
/// is returned so the caller can record it.
/// </summary>
public sealed class ValidatorRpcClient(IHttpClientFactory httpFactory, ValidatorEndpoints endpoints, ILogger<ValidatorRpcClient> log)
{
    public const string HttpClientName = "validator-rpc";
    private int _next;
    private long _ids;

    /// <summary>Calls <paramref name="method"/> on the first validator that answers; throws when none does.</summary>
    public async Task<RpcResponse> CallAsync(string method, JsonArray parameters, CancellationToken ct)
    {
        var urls = await endpoints.ResolveAsync(ct);
        if (urls.Count == 0)
            throw new ValidatorsUnreachableException("no validator endpoints are configured (services__validators__http__N)");
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)urls.Count);
        var failures = new List<string>();
        for (var i = 0; i < urls.Count; i++)
        {
            var url = urls[(start + i) % urls.Count];
            try
            {
                return await CallOneAsync(url, method, parameters, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidDataException && !ct.IsCancellationRequested)
            {
                failures.Add($"{url}: {ex.Message}");
                log.LogDebug("Validator {Url} failed {Method}: {Message}", url, method, ex.Message);
            }
        }
        throw new ValidatorsUnreachableException("no validator answered: " + string.Join("; ", failures));
    }

    /// <summary>Calls one validator; transport failures throw, JSON-RPC errors come back in the response.</summary>
    public async Task<RpcResponse> CallOneAsync(Uri baseUrl, string method, JsonArray parameters, CancellationToken ct)
    {
        var http = httpFactory.CreateClient(HttpClientName);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = method,
            ["params"] = parameters.DeepClone(),
            ["id"] = Interlocked.Increment(ref _ids),
        };
        using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "rpc"), request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("JSON-RPC response is not an object");
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            return new RpcResponse(baseUrl, default, new RpcError(code, message));
        }
        if (!root.TryGetProperty("result", out var result))
            throw new InvalidDataException("JSON-RPC response has neither result nor error");
        return new RpcResponse(baseUrl, result.Clone(), null);
    }
}
