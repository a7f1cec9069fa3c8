using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// What the API asks of the chain: send a transaction, find its receipt, read blocks. Final blocks
/// never change, so they are cached (bounded) once read.
/// </summary>
public sealed class ChainClient(ValidatorRpcClient rpc, ValidatorEndpoints endpoints, FinalityVerifier verifier, ILogger<ChainClient> log)
{
    private const int MaxCachedBlocks = 4096;
    private readonly ConcurrentDictionary<ulong, Block> _blocks = new();

    /// <summary>
    /// Sends the signed transaction to the validators in turn until one accepts it (validators
    /// answer an already-known transaction with its hash, so resending is harmless). A refusal
    /// for a reason that can pass (pool full) moves on to the next validator.
    /// </summary>
    /// <summary>
    /// A validator that has not answered a send within this is skipped for it, so one that hangs cannot
    /// use up the submit's whole budget: behind Aspire's endpoint proxy a stopped validator accepts the
    /// connection and never answers (measured: curl waits its full 20 s), where a closed port refuses at once.
    /// Admission answers in milliseconds; a transaction sent twice is harmless (the second is a duplicate).
    /// </summary>
    public static readonly TimeSpan SendAttemptTimeout = TimeSpan.FromSeconds(1.5);

    public async Task<SendOutcome> SendAsync(Transaction tx, CancellationToken ct)
    {
        var urls = await endpoints.ResolveAsync(ct);
        if (urls.Count == 0)
            return new SendOutcome(null, null, "no validator endpoints are configured");
        var data = TransactionJson.ToData(tx);
        var parameters = new JsonArray(new JsonObject { ["data"] = data });
        string? rejected = null;
        var unreachable = new List<string>();
        var start = Random.Shared.Next(urls.Count);
        for (var i = 0; i < urls.Count; i++)
        {
            var url = urls[(start + i) % urls.Count];
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(SendAttemptTimeout);
            try
            {
                var response = await rpc.CallOneAsync(url, "eth_sendTransaction", parameters, attempt.Token);
                if (response.Error is { Message: ValidationErrors.TxDuplicate })
                    return new SendOutcome(url.ToString(), null, null); // already pending or on chain: the goal of sending
                if (response.Error is { } error)
                {
                    log.LogWarning("Validator {Url} refused tx {Hash}: {Code} {Message}", url, tx.Hash, error.Code, error.Message);
                    if (IsTransient(error))
                    {
                        unreachable.Add($"{url}: {error.Message}");
                        continue;
                    }
                    rejected ??= error.Message;
                    continue;
                }
                var hash = response.Result.ValueKind == JsonValueKind.String ? response.Result.GetString() : null;
                if (!Hash32.TryParse(hash, out var accepted) || accepted != tx.Hash)
                    log.LogWarning("Validator {Url} answered hash {Answer} for tx {Hash}", url, hash, tx.Hash);
                return new SendOutcome(url.ToString(), null, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or InvalidDataException && !ct.IsCancellationRequested)
            {
                unreachable.Add($"{url}: {(attempt.IsCancellationRequested ? $"no answer within {SendAttemptTimeout.TotalSeconds} s" : ex.Message)}");
            }
        }
        return new SendOutcome(null, rejected, unreachable.Count > 0 ? string.Join("; ", unreachable) : null);
    }

    /// <summary>A full pool or a busy node is worth retrying; anything else is a verdict on the transaction.</summary>
    private static bool IsTransient(RpcError error) =>
        !error.IsRejection
        || error.Code == -32004 // the validator's "pool full"
        || error.Message.Contains("pool", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("busy", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("try again", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("syncing", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first receipt any validator has for the transaction, or null when none has one yet.</summary>
    public async Task<ChainReceipt?> GetReceiptAsync(Hash32 txHash, CancellationToken ct)
    {
        var urls = await endpoints.ResolveAsync(ct);
        foreach (var url in urls)
        {
            try
            {
                var response = await rpc.CallOneAsync(url, "eth_getTransactionReceipt", new JsonArray(txHash.ToString()), ct);
                if (response.Error is not null || response.Result.ValueKind != JsonValueKind.Object)
                    continue;
                var r = response.Result;
                if (!r.TryGetProperty("blockNumber", out var bn) || !TryQuantity(bn, out var number))
                    continue;
                var blockHash = r.TryGetProperty("blockHash", out var bh) ? bh.GetString() ?? "" : "";
                var index = r.TryGetProperty("transactionIndex", out var ti) && TryQuantity(ti, out var idx) ? (int)idx : -1;
                return new ChainReceipt(number, blockHash, index, url);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidDataException && !ct.IsCancellationRequested)
            {
                log.LogDebug("Validator {Url} did not answer a receipt query: {Message}", url, ex.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// The final block at <paramref name="number"/>, checked here (hash, transactions root, commit
    /// certificate), or null when no validator has it yet. A validator that serves a block failing
    /// the check is skipped for the next one, so one corrupt store cannot mislead the API.
    /// </summary>
    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        if (_blocks.TryGetValue(number, out var cached))
            return cached;
        var urls = await endpoints.ResolveAsync(ct);
        var problems = new List<string>();
        var start = Random.Shared.Next(Math.Max(1, urls.Count));
        for (var i = 0; i < urls.Count; i++)
        {
            var url = urls[(start + i) % urls.Count];
            try
            {
                var block = await ReadBlockAsync(url, number, ct);
                if (block is null)
                    continue;
                if (!verifier.IsFinal(block, out var error))
                {
                    log.LogWarning("Validator {Url} served block {Number} that fails verification: {Error}", url, number, error);
                    problems.Add($"{url}: {error}");
                    continue;
                }
                if (_blocks.Count >= MaxCachedBlocks)
                    _blocks.Clear();
                _blocks[number] = block;
                return block;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidDataException or FormatException && !ct.IsCancellationRequested)
            {
                problems.Add($"{url}: {ex.Message}");
            }
        }
        if (problems.Count == urls.Count)
            throw new ValidatorsUnreachableException($"no validator served a verifiable block {number}: " + string.Join("; ", problems));
        return null;
    }

    /// <summary>Block <paramref name="number"/> exactly as one validator serves it (unverified: the auditor judges it).</summary>
    public async Task<Block?> ReadBlockAsync(Uri validator, ulong number, CancellationToken ct)
    {
        var response = await rpc.CallOneAsync(validator, "eth_getBlockByNumber", new JsonArray(Quantity(number), true), ct);
        if (response.Error is { } error)
            throw new InvalidDataException($"eth_getBlockByNumber failed: {error.Message}");
        return response.Result.ValueKind == JsonValueKind.Null ? null : EVoting.Ballots.Audit.RpcBlockJson.ToBlock(response.Result);
    }

    /// <summary>Block <paramref name="number"/> as the next validator in turn serves it, unverified.</summary>
    public async Task<Block?> ReadBlockAsync(ulong number, CancellationToken ct)
    {
        var response = await rpc.CallAsync("eth_getBlockByNumber", new JsonArray(Quantity(number), true), ct);
        if (response.Error is { } error)
            throw new ValidatorsUnreachableException($"eth_getBlockByNumber failed: {error.Message}");
        return response.Result.ValueKind == JsonValueKind.Null ? null : EVoting.Ballots.Audit.RpcBlockJson.ToBlock(response.Result);
    }

    /// <summary>Height of the chain according to one validator (eth_blockNumber).</summary>
    public async Task<ulong> GetHeightAsync(CancellationToken ct)
    {
        var response = await rpc.CallAsync("eth_blockNumber", [], ct);
        if (response.Error is { } error)
            throw new ValidatorsUnreachableException($"eth_blockNumber failed: {error.Message}");
        return TryQuantity(response.Result, out var n) ? n : throw new ValidatorsUnreachableException("eth_blockNumber returned no quantity");
    }

    public static string Quantity(ulong n) => "0x" + n.ToString("x", CultureInfo.InvariantCulture);

    public static bool TryQuantity(JsonElement e, out ulong value)
    {
        value = 0;
        if (e.ValueKind == JsonValueKind.Number)
            return e.TryGetUInt64(out value);
        var s = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return s is not null && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
