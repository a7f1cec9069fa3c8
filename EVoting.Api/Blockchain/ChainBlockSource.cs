using EVoting.Audit;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>The validators' JSON-RPC as the auditor's block source: blocks as served, unverified (judging them is the auditor's job).</summary>
public sealed class ChainBlockSource(ChainClient chain) : IBlockSource
{
    public Task<ulong> GetHeightAsync(CancellationToken ct) => chain.GetHeightAsync(ct);
    public Task<Block?> GetBlockAsync(ulong number, CancellationToken ct) => chain.ReadBlockAsync(number, ct);
}
