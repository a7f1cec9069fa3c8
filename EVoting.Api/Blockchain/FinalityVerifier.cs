using System.Diagnostics.CodeAnalysis;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// The API's own check that a block is final and holds a transaction: the header hash recomputes,
/// the transactions root matches, and the commit certificate carries a quorum of distinct valid
/// validator precommits (per genesis). A validator's word alone makes a vote "included", this
/// check makes it "final".
/// </summary>
public sealed class FinalityVerifier(ChainSettings chain, BlockValidator validator)
{
    public bool IsFinal(Block block, [NotNullWhen(false)] out string? error)
    {
        // Block 0 carries no certificate: it is final by being this network's genesis.
        if (block.Index == 0)
        {
            error = block.Hash == chain.Genesis.Hash ? null : "block 0 is not this network's genesis";
            return error is null;
        }
        if (block.Header.ChainId != chain.ChainId)
            error = ValidationErrors.BlockWrongChain;
        else if (block.Header.ComputeHash() != block.Hash)
            error = ValidationErrors.BlockHashMismatch;
        else if (MerkleTree.Root(block.TransactionHashes()) != block.Header.TransactionsRoot)
            error = ValidationErrors.BlockRootMismatch;
        else if (!validator.ValidateCommit(block, out error))
            return false;
        else
            error = null;
        return error is null;
    }

    /// <summary>Position of the transaction in the block, or -1.</summary>
    public static int IndexOf(Block block, Hash32 txHash)
    {
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (block.Transactions[i].Hash == txHash)
                return i;
        }
        return -1;
    }
}
