using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Rpc;
using EVoting.Validator.Node;

namespace EVoting.Validator.Rpc;

/// <summary>
/// POST /rpc: JSON-RPC 2.0 with batches and notifications (a request without <c>id</c> is run and not
/// answered; a body of notifications only gets 204 and no body). The body is limited to <see cref="MaxBodyBytes"/> (checked
/// before reading it whole) and a batch to <see cref="MaxBatch"/> requests; each failure is a
/// JSON-RPC error object, never a 500.
/// </summary>
public static class JsonRpcEndpoint
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    public const int MaxBatch = 100;

    public static IEndpointRouteBuilder MapJsonRpc(this IEndpointRouteBuilder app)
    {
        app.MapPost("/rpc", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, RpcMethods methods, ValidatorNode node)
    {
        JsonNode? response;
        var status = StatusCodes.Status200OK;
        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            response = Error(null, RpcErrorCodes.InvalidRequest, $"request body exceeds {MaxBodyBytes} bytes");
            status = StatusCodes.Status413PayloadTooLarge;
        }
        else
        {
            response = await DispatchAsync(body, methods, node);
        }
        if (response is null)
        {
            // Only notifications: JSON-RPC 2.0 answers them with nothing at all.
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // Written straight into the response's pooled pipe, so a block with its transactions never
        // becomes one string on the large-object heap.
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
            response.WriteTo(writer);
        await context.Response.BodyWriter.FlushAsync();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        // A pooled read buffer: under load (receipt polls are small requests) a fresh buffer per
        // request would be most of what a validator allocates (docs/benchmarks.md#memory-under-sustained-load).
        using var buffer = new MemoryStream((int)(request.ContentLength ?? 0));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length + n > MaxBodyBytes)
                    return null;
                buffer.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    public static async Task<JsonNode?> DispatchAsync(byte[] body, RpcMethods methods, ValidatorNode node)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return Error(null, RpcErrorCodes.ParseError, "parse error: the body is not valid JSON");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return await HandleOneAsync(root, methods, node, new FullBlockBudget());
            var count = root.GetArrayLength();
            if (count == 0)
                return Error(null, RpcErrorCodes.InvalidRequest, "empty batch");
            if (count > MaxBatch)
                return Error(null, RpcErrorCodes.InvalidRequest, $"batch of {count} requests exceeds the limit of {MaxBatch}");
            var results = new JsonArray();
            var budget = new FullBlockBudget(); // one for the whole batch: its answers are one response
            foreach (var request in root.EnumerateArray())
            {
                if (await HandleOneAsync(request, methods, node, budget) is { } answer)
                    results.Add(answer);
            }
            return results.Count == 0 ? null : results;
        }
    }

    /// <summary>The response to one request; null for a valid notification (no <c>id</c> member), which is run but not answered.</summary>
    private static async Task<JsonNode?> HandleOneAsync(JsonElement request, RpcMethods methods, ValidatorNode node, FullBlockBudget budget)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return Error(null, RpcErrorCodes.InvalidRequest, "a request must be a JSON object");
        JsonNode? id = null;
        var notification = !request.TryGetProperty("id", out var idElement);
        if (!notification)
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                return Error(null, RpcErrorCodes.InvalidRequest, "id must be a string, a number or null");
            id = idElement.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(idElement.GetRawText());
        }
        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            return Error(id, RpcErrorCodes.InvalidRequest, "jsonrpc must be \"2.0\"");
        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            return Error(id, RpcErrorCodes.InvalidRequest, "method must be a string");
        var method = methodElement.GetString()!;
        JsonElement? @params = request.TryGetProperty("params", out var p) ? p : null;
        using var span = node.Telemetry.Source.StartActivity("rpc " + (RpcMethods.Names.Contains(method) ? method : "unknown"), ActivityKind.Server);
        span?.SetTag("rpc.system", "jsonrpc");
        span?.SetTag("rpc.method", method);
        JsonNode response;
        try
        {
            var result = await methods.InvokeAsync(method, @params, budget);
            response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["result"] = result };
        }
        catch (RpcException e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            response = Error(id, e.Code, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a method throws is this call's error object, never an HTTP 500 that would
            // also lose the other answers of a batch.
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            response = Error(id, RpcErrorCodes.Internal, "internal error: " + e.Message);
        }
        return notification ? null : response;
    }

    public static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
