using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP to one validator's endpoint (its <c>/rpc</c> URL; methods and error codes
/// in docs/validator.md). Failures come in three kinds: <see cref="RpcTransportException"/> when the
/// validator could not be asked or answered something that is not the expected response,
/// <see cref="RpcException"/> from the typed calls when it answered with a JSON-RPC error, and
/// <see cref="OperationCanceledException"/> when the caller's token is cancelled.
/// </summary>
public sealed class JsonRpcClient(HttpClient http, Uri endpoint)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>The largest answer read: three times the largest block a genesis may allow, in its RPC form, and then some.</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Answers are read into arrays of this pool, not the shared one: the shared pool keeps a returned
    /// array in the returning thread's own slot, where the next read, on another thread, does not
    /// find it, so a block answer of a megabyte or two was a fresh large-object allocation nearly
    /// every time (docs/benchmarks.md, "Memory"). A few arrays per size, shared by all threads.
    /// </summary>
    private static readonly ArrayPool<byte> s_answers = ArrayPool<byte>.Create(MaxAnswerBytes, maxArraysPerBucket: 4);
    private static long s_ids;

    public Uri Endpoint => endpoint;

    /// <summary>Calls <paramref name="method"/>; a JSON-RPC error comes back in the response, not as an exception.</summary>
    public Task<RpcResponse> CallAsync(string method, JsonArray? parameters, CancellationToken ct) =>
        CallAsync(method, parameters, (root, failedStatus) =>
        {
            var (result, error) = ToResponse(root, method, failedStatus, element => element.Clone());
            return new RpcResponse(result, error);
        }, ct);

    /// <summary>The result of <paramref name="method"/>; a JSON-RPC error throws <see cref="RpcException"/>.</summary>
    public Task<JsonElement> ResultAsync(string method, JsonArray? parameters, CancellationToken ct) =>
        ResultAsync(method, parameters, result => result.Clone(), ct);

    /// <summary>
    /// The result of <paramref name="method"/> as <paramref name="read"/> makes it, while the response
    /// is still parsed (so a large result such as a full block is not copied first); a JSON-RPC error
    /// throws <see cref="RpcException"/>.
    /// </summary>
    private Task<T> ResultAsync<T>(string method, JsonArray? parameters, Func<JsonElement, T> read, CancellationToken ct) =>
        CallAsync(method, parameters, (root, failedStatus) => ToResponse(root, method, failedStatus, read) switch
        {
            (_, { } error) => throw new RpcException(error.Code, error.Message),
            var (result, _) => result!,
        }, ct);

    /// <summary>
    /// Posts the request and reads the answer into a pooled array, parsed where it lies (a full block
    /// is megabytes, and copies of that size land on the large-object heap, docs/benchmarks.md
    /// "Memory"). The client's timeout covers the body too, as it does when the client buffers it.
    /// </summary>
    private async Task<T> CallAsync<T>(string method, JsonArray? parameters, Func<JsonElement, int?, T> interpret, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = method,
            ["params"] = parameters?.DeepClone() ?? new JsonArray(),
            ["id"] = Interlocked.Increment(ref s_ids),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
            timeout.CancelAfter(http.Timeout);
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request));
            content.Headers.ContentType = Json;
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var (answer, length) = await ReadAnswerAsync(response, method, timeout.Token);
            try
            {
                using var doc = ParseAnswer(answer.AsMemory(0, length), response, method);
                return interpret(doc.RootElement, response.IsSuccessStatusCode ? null : (int)response.StatusCode);
            }
            finally
            {
                s_answers.Return(answer);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new RpcTransportException(endpoint, method, e.Message, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new RpcTransportException(endpoint, method, $"no answer within {http.Timeout.TotalSeconds} s", e);
        }
    }

    /// <summary>eth_blockNumber: the number of the newest final block.</summary>
    public async Task<ulong> BlockNumberAsync(CancellationToken ct) =>
        Quantity.TryParse(await ResultAsync("eth_blockNumber", null, ct), out var n)
            ? n
            : throw new RpcTransportException(endpoint, "eth_blockNumber", "the result is not a quantity");

    /// <summary>
    /// eth_getBlockByNumber with full transactions, as the chain's <see cref="Block"/> (unverified:
    /// judging it is the caller's job); null when the validator has no such block. A block that does
    /// not parse throws <see cref="FormatException"/>.
    /// </summary>
    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        return await ResultAsync("eth_getBlockByNumber", [Quantity.Hex(number), true],
            result => result.ValueKind == JsonValueKind.Null ? null : RpcBlockJson.ToBlock(result), ct);
    }

    /// <summary>
    /// eth_sendTransaction: the hash the validator admitted (a transaction it already has is
    /// admitted again, so resending is harmless). A refusal throws <see cref="RpcException"/> whose
    /// code says why and whether it can pass (<see cref="RpcException.IsTransient"/>).
    /// </summary>
    public async Task<Hash32> SendTransactionAsync(Transaction tx, CancellationToken ct)
    {
        var result = await ResultAsync("eth_sendTransaction", [new JsonObject { ["data"] = TransactionJson.ToData(tx) }], ct);
        return Quantity.TryParseHash(result, out var hash)
            ? hash
            : throw new RpcTransportException(endpoint, "eth_sendTransaction", "the result is not a transaction hash");
    }

    /// <summary>eth_getTransactionReceipt: the transaction's final block and index, or null when the validator has none.</summary>
    public async Task<RpcReceipt?> GetTransactionReceiptAsync(Hash32 txHash, CancellationToken ct)
    {
        var r = await ResultAsync("eth_getTransactionReceipt", [txHash.ToString()], ct);
        if (r.ValueKind == JsonValueKind.Null)
            return null;
        if (r.ValueKind == JsonValueKind.Object
            && r.TryGetProperty("blockNumber", out var number) && Quantity.TryParse(number, out var n)
            && r.TryGetProperty("blockHash", out var hash) && Quantity.TryParseHash(hash, out var h)
            && r.TryGetProperty("transactionIndex", out var index) && Quantity.TryParse(index, out var i) && i <= int.MaxValue)
            return new RpcReceipt(n, h, (int)i);
        throw new RpcTransportException(endpoint, "eth_getTransactionReceipt", "the result is not a receipt");
    }

    /// <summary>The whole body in an array from <see cref="s_answers"/> (the caller returns it), at most <see cref="MaxAnswerBytes"/>.</summary>
    private async Task<(byte[] Buffer, int Length)> ReadAnswerAsync(HttpResponseMessage response, string method, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = s_answers.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxAnswerBytes)
                        throw new RpcTransportException(endpoint, method, $"the answer is larger than {MaxAnswerBytes / (1024 * 1024)} MiB");
                    var larger = s_answers.Rent(Math.Min(2 * length, MaxAnswerBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    s_answers.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                    return (buffer, length);
                length += read;
            }
        }
        catch
        {
            s_answers.Return(buffer);
            throw;
        }
    }

    private JsonDocument ParseAnswer(ReadOnlyMemory<byte> answer, HttpResponseMessage response, string method)
    {
        try
        {
            return JsonDocument.Parse(answer);
        }
        catch (JsonException e)
        {
            var status = response.IsSuccessStatusCode ? "" : $"HTTP {(int)response.StatusCode}, ";
            throw new RpcTransportException(endpoint, method, $"{status}the answer is not JSON: {e.Message}", e);
        }
    }

    /// <summary>A response object with a result or an error object; anything else (a proxy's error page, a non-2xx status without an error object) is a transport failure.</summary>
    private (T? Result, RpcError? Error) ToResponse<T>(JsonElement root, string method, int? failedStatus, Func<JsonElement, T> read)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new RpcTransportException(endpoint, method, "the answer is not a JSON-RPC response object");
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : RpcErrorCodes.Internal;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return (default, new RpcError(code, message));
        }
        if (failedStatus is { } status)
            throw new RpcTransportException(endpoint, method, $"HTTP {status}");
        return root.TryGetProperty("result", out var result)
            ? (read(result), null)
            : throw new RpcTransportException(endpoint, method, "the response has neither result nor error");
    }
}
