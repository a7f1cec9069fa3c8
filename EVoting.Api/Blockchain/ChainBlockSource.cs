using EVoting.Ballots.Audit;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>The validators' JSON-RPC as the auditor's block source.</summary>
public sealed class ChainBlockSource(ChainClient chain) : IBlockSource
{
    public Task<ulong> GetHeightAsync(CancellationToken ct) => chain.GetHeightAsync(ct);
    public Task<Block?> GetBlockAsync(ulong number, CancellationToken ct) => chain.GetBlockAsync(number, ct);
}
