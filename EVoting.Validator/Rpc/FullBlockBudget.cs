using EVoting.Rpc;

namespace EVoting.Validator.Rpc;

/// <summary>
/// Blocks with full transactions that one request body — a single request or a whole batch — may return
/// (docs/validator.md#rpc-reads): without it a batch of 100 <c>poa_getBlocksRange</c> calls would build 10,000 full
/// blocks in the node's memory for one response. Charged before anything is read; what is over gets -32602.
/// </summary>
public sealed class FullBlockBudget
{
    public const int MaxBlocks = RpcMethods.MaxRangeBlocks;

    private ulong _left = MaxBlocks;

    public void Take(ulong blocks)
    {
        if (blocks > _left)
            throw RpcException.Params($"one request body returns at most {MaxBlocks} blocks with full transactions; split the batch over several requests");
        _left -= blocks;
    }
}
