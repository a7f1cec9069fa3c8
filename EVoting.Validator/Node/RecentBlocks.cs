using EVoting.Chain;

namespace EVoting.Validator.Node;

/// <summary>
/// The newest final blocks, kept in memory because they are the ones read right after they become
/// final (the API's receipts and block reads, new_block to peers, the next proposal's checks). It
/// holds at most <paramref name="maxCount"/> blocks and <paramref name="maxBytes"/> of their
/// canonical size (the newest block is always kept); older blocks are read from the store. Keeping
/// every block in memory made a validator grow by the size of every vote for as long as it ran.
/// Not thread-safe: the node's lock guards it.
/// </summary>
public sealed class RecentBlocks(int maxCount, long maxBytes)
{
    private readonly Queue<(Block Block, int Size)> _order = new();
    private readonly Dictionary<ulong, Block> _byHeight = [];
    private readonly Dictionary<Hash32, Block> _byHash = [];

    public int Count => _byHeight.Count;

    public long Bytes { get; private set; }

    /// <summary>Adds the newest final block and drops the oldest ones beyond the bounds.</summary>
    public void Add(Block block)
    {
        if (!_byHeight.TryAdd(block.Index, block))
            return;
        _byHash[block.Hash] = block;
        var size = block.Size;
        _order.Enqueue((block, size));
        Bytes += size;
        while (_order.Count > 1 && (_order.Count > maxCount || Bytes > maxBytes))
        {
            var (old, oldSize) = _order.Dequeue();
            _byHeight.Remove(old.Index);
            _byHash.Remove(old.Hash);
            Bytes -= oldSize;
        }
    }

    public bool TryGet(ulong height, out Block block) => _byHeight.TryGetValue(height, out block!);

    public bool TryGet(Hash32 hash, out Block block) => _byHash.TryGetValue(hash, out block!);
}
