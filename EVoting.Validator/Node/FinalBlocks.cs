using EVoting.Chain;
using EVoting.Validator.Storage;

namespace EVoting.Validator.Node;

/// <summary>
/// Final blocks for RPC, read from any thread without the event loop (docs/validator.md#rpc-reads): the snapshot's
/// recent blocks, else the store's own read connections (SQLite in WAL mode), never past the snapshot's head, so a
/// read agrees with the status it was answered beside. Senders come with the blocks (validated when stored), so a
/// read recovers no signature.
/// </summary>
public sealed class FinalBlocks(Genesis genesis, ChainStore store)
{
    private readonly Block _genesisBlock = genesis.GenesisBlock;

    public Block? At(NodeSnapshot snapshot, ulong height)
    {
        if (height == 0)
            return _genesisBlock;
        if (height > snapshot.Height)
            return null;
        return snapshot.RecentAt(height) ?? store.LoadBlock(height);
    }

    public Block? ByHash(NodeSnapshot snapshot, Hash32 hash)
    {
        if (hash == _genesisBlock.Hash)
            return _genesisBlock;
        foreach (var recent in snapshot.Recent)
        {
            if (recent.Hash == hash)
                return recent;
        }
        return store.LoadBlock(hash) is { } block && block.Index <= snapshot.Height ? block : null;
    }

    /// <summary>Blocks <paramref name="from"/> through <paramref name="to"/>, capped at the snapshot's head, in order.</summary>
    public IReadOnlyList<Block> Between(NodeSnapshot snapshot, ulong from, ulong to)
    {
        to = Math.Min(to, snapshot.Height);
        if (from > to)
            return [];
        var blocks = new List<Block>();
        if (from == 0)
            blocks.Add(_genesisBlock);
        var first = Math.Max(from, 1);
        // Older than the recent blocks: from the store, then the rest from the snapshot.
        var recentFrom = snapshot.Recent.IsEmpty ? to + 1 : Math.Max(first, snapshot.Recent[0].Index);
        if (first < recentFrom)
            blocks.AddRange(store.LoadRange(first, Math.Min(to, recentFrom - 1)));
        for (var h = recentFrom; h <= to; h++)
            blocks.Add(snapshot.RecentAt(h)!);
        return blocks;
    }
}
