using EVoting.Chain;
using EVoting.Validator.Consensus;

namespace EVoting.Validator.Node;

/// <summary>A block as the consensus engine sees it: its id is the block hash.</summary>
public sealed class BlockValue(Block block) : IConsensusValue
{
    public Block Block { get; } = block;

    public Hash32 Id => Block.Hash;

    public ulong Height => Block.Index;

    /// <summary>
    /// The engine's verdict on <paramref name="block"/> proposed in <paramref name="round"/> on top of
    /// <paramref name="state"/>: NotYet when only the round (a block of a later round) or the clock (a timestamp
    /// ahead) is in the way, as both can change; Invalid for anything else (docs/consensus.md#what-is-cached).
    /// </summary>
    public static ValueVerdict Judge(Block block, int round, BlockValidator validator, ChainState state, long nowMs, out string? error)
    {
        if (block.Header.Round > round)
        {
            error = "block was proposed for a later round";
            return ValueVerdict.NotYet;
        }
        if (validator.ValidateProposal(block, state, nowMs, out error))
            return ValueVerdict.Valid;
        return BlockValidator.DependsOnClock(error) ? ValueVerdict.NotYet : ValueVerdict.Invalid;
    }
}
