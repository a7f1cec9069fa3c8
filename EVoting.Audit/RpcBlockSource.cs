using EVoting.Chain;
using EVoting.Rpc;

namespace EVoting.Audit;

/// <summary>Final blocks as one validator serves them over JSON-RPC (eth_blockNumber, eth_getBlockByNumber), unverified: judging them is the auditor's job.</summary>
public sealed class RpcBlockSource(JsonRpcClient rpc) : IBlockSource
{
    public Task<ulong> GetHeightAsync(CancellationToken ct) => rpc.BlockNumberAsync(ct);

    public Task<Block?> GetBlockAsync(ulong number, CancellationToken ct) => rpc.GetBlockAsync(number, ct);
}
