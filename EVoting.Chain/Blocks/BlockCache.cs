namespace EVoting.Chain;

/// <summary>
/// Final blocks kept in memory, least recently used out first. It holds at most
/// <paramref name="maxCount"/> blocks and <paramref name="maxBytes"/> of their canonical size (the
/// most recent block always stays); everything else is read again from where it came from. A
/// validator keeps each newly final block (read right after by the API's receipts and block reads,
/// sent to peers) and blocks read back from its store; the API keeps the blocks its outbox and its
/// stats audit both read. Keeping every block, or a count of blocks of any size, made both grow by
/// the size of every vote for as long as they ran (docs/benchmarks.md, "Memory").
/// Not thread-safe: the owner's lock guards it.
/// </summary>
public sealed class BlockCache(int maxCount, long maxBytes)
{
    private readonly LinkedList<(Block Block, int Size)> _recency = new(); // most recently used first
    private readonly Dictionary<ulong, LinkedListNode<(Block Block, int Size)>> _byHeight = [];
    private readonly Dictionary<Hash32, LinkedListNode<(Block Block, int Size)>> _byHash = [];

    public int Count => _byHeight.Count;

    public long Bytes { get; private set; }

    /// <summary>Adds a block (or marks it used) and drops the least recently used ones beyond the bounds.</summary>
    public void Add(Block block)
    {
        if (_byHeight.TryGetValue(block.Index, out var existing))
        {
            Touch(existing);
            return;
        }
        var node = _recency.AddFirst((block, block.Size));
        _byHeight[block.Index] = node;
        _byHash[block.Hash] = node;
        Bytes += node.Value.Size;
        while (_recency.Count > 1 && (_recency.Count > maxCount || Bytes > maxBytes))
        {
            var (old, oldSize) = _recency.Last!.Value;
            _recency.RemoveLast();
            _byHeight.Remove(old.Index);
            _byHash.Remove(old.Hash);
            Bytes -= oldSize;
        }
    }

    public bool TryGet(ulong height, out Block block) => Found(_byHeight.GetValueOrDefault(height), out block);

    public bool TryGet(Hash32 hash, out Block block) => Found(_byHash.GetValueOrDefault(hash), out block);

    private bool Found(LinkedListNode<(Block Block, int Size)>? node, out Block block)
    {
        block = node?.Value.Block!;
        if (node is null)
            return false;
        Touch(node);
        return true;
    }

    private void Touch(LinkedListNode<(Block Block, int Size)> node)
    {
        _recency.Remove(node);
        _recency.AddFirst(node);
    }
}
