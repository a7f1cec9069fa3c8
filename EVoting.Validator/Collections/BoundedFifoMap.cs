namespace EVoting.Validator.Collections;

/// <summary>
/// A thread-safe map that keeps at most <c>capacity</c> entries, the oldest going first: what a node remembers about
/// recent messages and transactions without letting a peer or client make it remember without bound.
/// </summary>
public sealed class BoundedFifoMap<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _entries = [];
    private readonly Queue<TKey> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    /// <summary>True when <paramref name="key"/> was not there (then it is kept until pushed out); an existing value stands.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (!_entries.TryAdd(key, value))
                return false;
            _order.Enqueue(key);
            while (_order.Count > capacity)
                _entries.Remove(_order.Dequeue());
            return true;
        }
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        lock (_lock)
            return _entries.TryGetValue(key, out value!);
    }
}
