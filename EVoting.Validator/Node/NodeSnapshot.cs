using System.Collections.Immutable;
using EVoting.Chain;
using EVoting.Validator.Consensus;

namespace EVoting.Validator.Node;

/// <summary>
/// What RPC and /health read, as the event loop last left it (docs/validator.md#rpc-reads): immutable, published by
/// the loop after every input it handles and at start, read by any thread without a lock. The newest final blocks
/// come with it (<see cref="Recent"/>); older ones are read from the store (<see cref="FinalBlocks"/>).
/// </summary>
public sealed record NodeSnapshot(
    BlockHeader Head,
    Hash32 HeadHash,
    long TransactionCount,
    int? Round,
    ConsensusStep? Step,
    bool? Abstaining,
    bool Syncing,
    ulong BestPeerHeight,
    int MempoolCount,
    long MempoolBytes,
    IReadOnlyList<EquivocationEvidence> Equivocations,
    ImmutableArray<Block> Recent)
{
    /// <summary>The final height (the head's).</summary>
    public ulong Height => Head.Index;

    /// <summary>The recent final block at <paramref name="height"/>, or null when it is older (or newer) than they are.</summary>
    public Block? RecentAt(ulong height)
    {
        if (Recent.IsEmpty || height < Recent[0].Index || height > Height)
            return null;
        return Recent[(int)(height - Recent[0].Index)];
    }

    /// <summary>The newest final blocks after a commit: <paramref name="previous"/> plus the new ones, the oldest dropped beyond the bounds.</summary>
    public static ImmutableArray<Block> Advance(ImmutableArray<Block> previous, IReadOnlyList<Block> added, int maxCount, long maxBytes)
    {
        var blocks = previous.AddRange(added);
        var keep = 0;
        var bytes = 0L;
        // The head always stays; then older blocks while both bounds hold.
        for (var i = blocks.Length - 1; i >= 0 && keep < maxCount && (keep == 0 || bytes + blocks[i].Size <= maxBytes); i--)
        {
            bytes += blocks[i].Size;
            keep++;
        }
        return keep == blocks.Length ? blocks : blocks.RemoveRange(0, blocks.Length - keep);
    }
}
