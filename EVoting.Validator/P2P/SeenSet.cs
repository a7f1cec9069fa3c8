using EVoting.Chain;
using EVoting.Validator.Collections;

namespace EVoting.Validator.P2P;

/// <summary>A bounded set of recently seen message hashes: gossip relays each one at most once.</summary>
public sealed class SeenSet(int capacity)
{
    private readonly BoundedFifoMap<Hash32, byte> _seen = new(capacity);

    public int Count => _seen.Count;

    /// <summary>True the first time a hash is seen (then it is remembered until pushed out).</summary>
    public bool Add(Hash32 hash) => _seen.TryAdd(hash, 0);
}
