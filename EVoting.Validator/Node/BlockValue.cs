using EVoting.Chain;
using EVoting.Validator.Consensus;

namespace EVoting.Validator.Node;

/// <summary>A block as the consensus engine sees it: its id is the block hash.</summary>
public sealed class BlockValue(Block block) : IConsensusValue
{
    public Block Block { get; } = block;

    public string Id { get; } = block.Hash.ToString();

    public ulong Height => Block.Index;

    public static string? IdOf(Hash32? hash) => hash?.ToString();

    public static Hash32? HashOf(string? id) => id is null ? null : Hash32.Parse(id);
}
