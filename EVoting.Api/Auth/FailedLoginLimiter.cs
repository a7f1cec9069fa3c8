using System.Collections.Concurrent;

namespace EVoting.Api.Auth;

/// <summary>
/// Counts login attempts per (email, client IP) in a sliding window; at the limit, further
/// attempts are refused (429 with Retry-After) without checking the password, so guessing is slow.
/// Checking and counting are one step (<see cref="TryBegin"/>): an attempt is counted as failed
/// before its password is checked and the count is cleared only when it succeeds, so N parallel
/// wrong logins cannot all pass the check before any of them is recorded.
/// </summary>
public sealed class FailedLoginLimiter(TimeProvider clock, int maxFailures = 5, TimeSpan? window = null)
{
    private const int SweepAbove = 100_000;
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>
    /// Null when the attempt may go ahead (it is then counted as a failure until <see cref="Succeeded"/>);
    /// otherwise how long until the next attempt may.
    /// </summary>
    public TimeSpan? TryBegin(string email, string ip)
    {
        var key = Key(email, ip);
        while (true)
        {
            var q = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (q)
            {
                // A sweep may have dropped this queue between GetOrAdd and the lock: use the current one.
                if (!_failures.TryGetValue(key, out var current) || !ReferenceEquals(current, q))
                    continue;
                Prune(q);
                if (q.Count >= maxFailures)
                    return q.Peek() + _window - clock.GetUtcNow();
                q.Enqueue(clock.GetUtcNow());
            }
            if (_failures.Count > SweepAbove)
                Sweep();
            return null;
        }
    }

    /// <summary>The attempt was right: the failures counted for this email and client are forgotten.</summary>
    public void Succeeded(string email, string ip) => _failures.TryRemove(Key(email, ip), out _);

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
