using System.Collections.Concurrent;
using EVoting.Chain;

namespace EVoting.Validator.Node;

/// <summary>
/// Remembers which ballots already verified (by transaction hash and election key), so a vote is
/// proven once per node: at admission — off the event loop — and not again when its block is
/// proposed, validated or committed. Only successes are cached; the cache is bounded.
/// </summary>
public sealed class CachingBallotRule(IBallotRule inner, int capacity = 200_000) : IBallotRule
{
    private readonly ConcurrentDictionary<(Hash32, string), byte> _verified = new();
    private readonly ConcurrentQueue<(Hash32, string)> _order = new();

    public bool Verify(ElectionInfo election, Transaction vote, out string? error)
    {
        var key = (vote.Hash, Convert.ToHexString(election.PublicKey));
        if (_verified.ContainsKey(key))
        {
            error = null;
            return true;
        }
        if (!inner.Verify(election, vote, out error))
            return false;
        Remember(key);
        return true;
    }

    public string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
    {
        var results = new string?[items.Count];
        var pending = new List<int>();
        for (var i = 0; i < items.Count; i++)
            if (!_verified.ContainsKey((items[i].Vote.Hash, Convert.ToHexString(items[i].Election.PublicKey))))
                pending.Add(i);
        if (pending.Count == 0)
            return results;
        var verified = inner.VerifyBatch(pending.Select(i => items[i]).ToList());
        for (var j = 0; j < pending.Count; j++)
        {
            var i = pending[j];
            results[i] = verified[j];
            if (verified[j] is null)
                Remember((items[i].Vote.Hash, Convert.ToHexString(items[i].Election.PublicKey)));
        }
        return results;
    }

    private void Remember((Hash32, string) key)
    {
        if (!_verified.TryAdd(key, 0))
            return;
        _order.Enqueue(key);
        while (_order.Count > capacity && _order.TryDequeue(out var old))
            _verified.TryRemove(old, out _);
    }
}
