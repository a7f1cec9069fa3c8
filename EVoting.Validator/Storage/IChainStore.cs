using EVoting.Chain;

namespace EVoting.Validator.Storage;

/// <summary>
/// What the node core keeps durably: final blocks with their certificates, the signing state, the "this key has
/// signed from here" marker, and equivocation evidence. Every write is durable when the call returns, so the core
/// persists before it hands out the effects (messages) that depend on it. <see cref="ChainStore"/> is the
/// node's (SQLite and a marker file); the simulation has an in-memory one it can crash and wipe.
/// </summary>
public interface IChainStore
{
    /// <summary>All final blocks in height order.</summary>
    IEnumerable<Block> LoadBlocks();

    /// <summary>The stored blocks with heights from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.</summary>
    IReadOnlyList<Block> LoadRange(ulong from, ulong to);

    Block? LoadBlock(ulong height);

    Block? LoadBlock(Hash32 hash);

    /// <summary>Stores a final block (with its certificate) durably before returning.</summary>
    void AppendBlock(Block block);

    /// <summary>The signing state's UTF-8 JSON (<see cref="Node.PersistentSigningGuard"/>), or null before the first.</summary>
    byte[]? LoadSigningState();

    /// <summary>Replaces the signing state durably before returning.</summary>
    void SaveSigningState(ReadOnlySpan<byte> utf8Json);

    /// <summary>
    /// True once this data directory's key has signed a consensus message (the marker written before the first
    /// signing state). With no signing state it tells a wiped node from a new one (docs/consensus.md#lost-state-wiped-data-directory).
    /// </summary>
    bool HasSigned { get; }

    /// <summary>Writes the marker durably before returning.</summary>
    void MarkSigned();

    /// <summary>
    /// The chain's per-vote indexes, kept with the blocks (lost with them) and written after each block is: its
    /// height may trail the blocks' after a crash, never lead them.
    /// </summary>
    IChainIndex Index { get; }

    /// <summary>Stores one equivocation (the first per validator and slot); false when that slot was already recorded.</summary>
    bool SaveEvidence(StoredEvidence evidence);

    /// <summary>The newest evidence first, at most <paramref name="limit"/> rows.</summary>
    IReadOnlyList<StoredEvidence> LoadEvidence(int limit);
}
