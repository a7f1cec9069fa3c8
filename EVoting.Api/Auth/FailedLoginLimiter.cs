using System.Collections.Concurrent;

namespace EVoting.Api.Auth;

/// <summary>
/// Counts failed logins per (email, client IP) in a sliding window; at the limit, further
/// attempts are refused (429 with Retry-After) without checking the password, so guessing is slow.
/// </summary>
public sealed class FailedLoginLimiter(TimeProvider clock, int maxFailures = 5, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>Null when the caller may try; otherwise how long until it may.</summary>
    public TimeSpan? RetryAfter(string email, string ip)
    {
        if (!_failures.TryGetValue(Key(email, ip), out var q))
            return null;
        lock (q)
        {
            Prune(q);
            return q.Count >= maxFailures ? q.Peek() + _window - clock.GetUtcNow() : null;
        }
    }

    public void RecordFailure(string email, string ip)
    {
        var q = _failures.GetOrAdd(Key(email, ip), _ => new Queue<DateTimeOffset>());
        lock (q)
        {
            Prune(q);
            q.Enqueue(clock.GetUtcNow());
        }
        if (_failures.Count > 100_000)
            Sweep();
    }

    public void Reset(string email, string ip) => _failures.TryRemove(Key(email, ip), out _);

    private void Prune(Queue<DateTimeOffset> q)
    {
        var cutoff = clock.GetUtcNow() - _window;
        while (q.Count > 0 && q.Peek() <= cutoff)
            q.Dequeue();
    }

    /// <summary>Bounds memory under a flood of distinct emails.</summary>
    private void Sweep()
    {
        foreach (var (key, q) in _failures)
        {
            lock (q)
            {
                Prune(q);
                if (q.Count == 0)
                    _failures.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string email, string ip) => email.Trim().ToLowerInvariant() + "|" + ip;
}
