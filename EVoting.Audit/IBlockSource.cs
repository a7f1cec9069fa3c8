using EVoting.Chain;

namespace EVoting.Audit;

/// <summary>Where an auditor reads final blocks from: a validator's JSON-RPC, a file, a test double of the network.</summary>
public interface IBlockSource
{
    /// <summary>The number of the newest final block.</summary>
    Task<ulong> GetHeightAsync(CancellationToken ct);

    /// <summary>Block <paramref name="number"/> with its transactions and commit certificate; null when absent.</summary>
    Task<Block?> GetBlockAsync(ulong number, CancellationToken ct);
}
