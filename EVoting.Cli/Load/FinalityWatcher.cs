using System.Collections.Concurrent;
using System.Diagnostics;

namespace EVoting.Cli.Load;

/// <summary>
/// Follows accepted votes until their receipts say final, while submissions are still running, so
/// submit-to-final latency is what a voter watching the receipt would see (within one poll
/// interval) and not the time to poll a long backlog afterwards. Each pending receipt is asked at
/// most every <see cref="PollInterval"/>, with a bounded number of requests in flight, so the
/// watcher's own load on the API stays small.
/// </summary>
public sealed class FinalityWatcher(ApiClient api, LatencyStats submitToFinal, Stopwatch clock, int parallelism)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private sealed class Pending(string txHash, long submittedTicks)
    {
        public string TxHash { get; } = txHash;
        public long SubmittedTicks { get; } = submittedTicks;
        public long NextPollTicks { get; set; } = submittedTicks;
    }

    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private int _final;
    private int _polls;
    private long _lastFinalTicks;

    public int PendingCount => _pending.Count;

    public int FinalCount => Volatile.Read(ref _final);

    /// <summary>Receipt requests made (the watcher's own load on the API).</summary>
    public int PollCount => Volatile.Read(ref _polls);

    /// <summary>When the last vote became final (since the run's clock started).</summary>
    public TimeSpan LastFinalAt => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _lastFinalTicks));

    public void Follow(string txHash, long submittedTicks) => _pending.TryAdd(txHash, new Pending(txHash, submittedTicks));

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var now = clock.ElapsedTicks;
                var due = _pending.Values.Where(p => p.NextPollTicks <= now).OrderBy(p => p.SubmittedTicks).ToArray();
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
                    async (p, token) => await PollAsync(p, token));
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(Pending p, CancellationToken ct)
    {
        ApiClient.Response r;
        Interlocked.Increment(ref _polls);
        try
        {
            r = await api.SendAsync(HttpMethod.Get, $"/api/votes/receipt/{p.TxHash}", null, null, ct);
        }
        catch (HttpRequestException)
        {
            p.NextPollTicks = clock.ElapsedTicks + Stopwatch.Frequency / 4;
            return;
        }
        var now = clock.ElapsedTicks;
        if (r.Ok && r.Body?["status"]?.GetValue<string>() == "final" && _pending.TryRemove(p.TxHash, out _))
        {
            submitToFinal.Add(Stopwatch.GetElapsedTime(p.SubmittedTicks, now).TotalMilliseconds);
            Interlocked.Increment(ref _final);
            InterlockedMax(ref _lastFinalTicks, now);
        }
        else
            p.NextPollTicks = now + (long)(PollInterval.TotalSeconds * Stopwatch.Frequency);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen;)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }
}
