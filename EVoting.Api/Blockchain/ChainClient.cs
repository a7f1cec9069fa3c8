using System.Collections.Concurrent;
using EVoting.Chain;
using EVoting.Rpc;

namespace EVoting.Api.Blockchain;

/// <summary>
/// What the API asks of the chain: send a transaction, find its receipt, read blocks. Final blocks
/// never change, so they are cached (bounded) once read and checked.
/// </summary>
public sealed class ChainClient(ValidatorRpcFactory rpc, ValidatorEndpoints endpoints, BlockValidator validator, ILogger<ChainClient> log)
{
    /// <summary>
    /// Verified final blocks kept: the outbox, the finality tracker and the stats audit read each block
    /// soon after it is final, so a few recent ones serve them all. Bounded by canonical bytes (a
    /// 2,000-vote block is ~3 MB); decoded, a block takes ~2.3 times its canonical size, so 8 MiB
    /// holds ~18 MB (32 MiB held 72 MB: docs/benchmarks.md, "Memory").
    /// </summary>
    private readonly BlockCache _blocks = new(maxCount: 32, maxBytes: 8L * 1024 * 1024);
    private int _next;

    /// <summary>
    /// A validator that has not answered a send within this is skipped for it, so one that hangs cannot
    /// use up the submit's whole budget: behind Aspire's endpoint proxy a stopped validator accepts the
    /// connection and never answers, where a closed port refuses at once. Admission answers in
    /// milliseconds; a transaction sent twice is harmless (the second is admitted as already known).
    /// </summary>
    public static readonly TimeSpan SendAttemptTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Sends the signed transaction to the validators in turn until one admits it (resending is
    /// harmless). A refusal whose code says it can pass (<see cref="RpcErrorCodes.IsTransient"/>:
    /// pool full, a fault in that node) moves on like an unreachable validator; any other refusal is
    /// a verdict on the transaction, kept as the reason should no validator admit it.
    /// </summary>
    public async Task<SendOutcome> SendAsync(Transaction tx, CancellationToken ct)
    {
        var urls = await endpoints.ResolveAsync(ct);
        if (urls.Count == 0)
            return new SendOutcome(null, null, "no validator endpoints are configured");
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
                var accepted = await rpc.For(url).SendTransactionAsync(tx, attempt.Token);
                if (accepted != tx.Hash)
                    log.LogWarning("Validator {Url} answered hash {Answer} for tx {Hash}", url, accepted, tx.Hash);
                return new SendOutcome(url.ToString(), null, null);
            }
            catch (RpcException e)
            {
                log.LogWarning("Validator {Url} refused tx {Hash}: {Code} {Message}", url, tx.Hash, e.Code, e.Message);
                if (e.IsTransient)
                    unreachable.Add($"{url}: {e.Message}");
                else
                    rejected ??= e.Message;
            }
            catch (Exception e) when (e is RpcTransportException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                unreachable.Add($"{url}: {(attempt.IsCancellationRequested ? $"no answer within {SendAttemptTimeout.TotalSeconds} s" : e.Message)}");
            }
        }
        return new SendOutcome(null, rejected, unreachable.Count > 0 ? string.Join("; ", unreachable) : null);
    }

    /// <summary>The first receipt any validator has for the transaction, or null when none has one yet.</summary>
    public async Task<ChainReceipt?> GetReceiptAsync(Hash32 txHash, CancellationToken ct)
    {
        foreach (var url in await endpoints.ResolveAsync(ct))
        {
            try
            {
                if (await rpc.For(url).GetTransactionReceiptAsync(txHash, ct) is { } receipt)
                    return new ChainReceipt(receipt.BlockNumber, receipt.TransactionIndex, url);
            }
            catch (Exception e) when (e is RpcTransportException or RpcException)
            {
                log.LogDebug("Validator {Url} did not answer a receipt query: {Message}", url, e.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// The final block at <paramref name="number"/>, checked here (<see cref="BlockValidator.ValidateCertified"/>:
    /// hash, proposer signature, transactions root, quorum certificate), or null when no validator has
    /// it yet. A validator that serves a block failing the check is skipped for the next one, so one
    /// corrupt store cannot mislead the API.
    /// </summary>
    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        if (Cached(number) is { } cached)
            return cached;
        var urls = await endpoints.ResolveAsync(ct);
        var problems = new List<string>();
        var start = Random.Shared.Next(Math.Max(1, urls.Count));
        for (var i = 0; i < urls.Count; i++)
        {
            var url = urls[(start + i) % urls.Count];
            try
            {
                var block = await rpc.For(url).GetBlockAsync(number, ct);
                if (block is null)
                    continue;
                if (!validator.ValidateCertified(block, out var error))
                {
                    log.LogWarning("Validator {Url} served block {Number} that fails verification: {Error}", url, number, error);
                    problems.Add($"{url}: {error}");
                    continue;
                }
                lock (_blocks)
                    _blocks.Add(block);
                return block;
            }
            catch (Exception e) when (e is RpcTransportException or RpcException or FormatException)
            {
                problems.Add($"{url}: {e.Message}");
            }
        }
        if (problems.Count == urls.Count)
            throw new ValidatorsUnreachableException($"no validator served a verifiable block {number}: " + string.Join("; ", problems));
        return null;
    }

    /// <summary>
    /// Block <paramref name="number"/> for the auditor, who judges it whole: the copy already read for a
    /// finality check when it is still cached (the stats audit follows the chain a few seconds behind,
    /// so most blocks are read once, not twice: each read is megabytes of garbage), else as the next
    /// validator in turn serves it, unverified.
    /// </summary>
    public Task<Block?> ReadBlockAsync(ulong number, CancellationToken ct)
    {
        if (Cached(number) is { } cached)
            return Task.FromResult<Block?>(cached);
        return FirstAnswerAsync(client => client.GetBlockAsync(number, ct), "eth_getBlockByNumber", ct);
    }

    private Block? Cached(ulong number)
    {
        lock (_blocks)
            return _blocks.TryGet(number, out var cached) ? cached : null;
    }

    /// <summary>Height of the chain according to the next validator in turn (eth_blockNumber).</summary>
    public Task<ulong> GetHeightAsync(CancellationToken ct) =>
        FirstAnswerAsync(client => client.BlockNumberAsync(ct), "eth_blockNumber", ct);

    /// <summary>Asks the validators in turn, starting at the next one, until one answers.</summary>
    private async Task<T> FirstAnswerAsync<T>(Func<JsonRpcClient, Task<T>> call, string method, CancellationToken ct)
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
                return await call(rpc.For(url));
            }
            catch (Exception e) when (e is RpcTransportException or RpcException)
            {
                failures.Add($"{url}: {e.Message}");
                log.LogDebug("Validator {Url} failed {Method}: {Message}", url, method, e.Message);
            }
        }
        throw new ValidatorsUnreachableException($"no validator answered {method}: " + string.Join("; ", failures));
    }
}
