using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>A bounded set of recently seen message hashes: gossip relays each one at most once.</summary>
public sealed class SeenSet(int capacity)
{
    private readonly HashSet<Hash32> _set = [];
    private readonly Queue<Hash32> _order = new();
    private readonly object _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
                return _set.Count;
        }
    }

    /// <summary>True the first time a hash is seen (then it is remembered until pushed out).</summary>
    public bool Add(Hash32 hash)
    {
        lock (_gate)
        {
            if (!_set.Add(hash))
                return false;
            _order.Enqueue(hash);
            while (_order.Count > capacity)
                _set.Remove(_order.Dequeue());
            return true;
        }
    }
}
