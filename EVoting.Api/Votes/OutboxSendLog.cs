using System.Collections.Concurrent;

namespace EVoting.Api.Votes;

/// <summary>
/// When each not-yet-final transaction was last sent to a validator, by the submit request or by
/// the outbox sender, so the sender waits a full resend interval after the latest send before it
/// asks about the transaction again (a vote still on its way must not be looked up and resent).
/// In memory: after a restart every pending row is simply due at once.
/// </summary>
public sealed class OutboxSendLog
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSent = new(StringComparer.Ordinal);

    public void NoteSent(string txHash, DateTimeOffset at) => _lastSent[txHash] = at;

    public DateTimeOffset? LastSent(string txHash) => _lastSent.TryGetValue(txHash, out var at) ? at : null;

    public void Forget(string txHash) => _lastSent.TryRemove(txHash, out _);
}
