using EVoting.Chain;

namespace EVoting.Audit;

/// <summary>
/// Reads ahead: while the auditor checks block n, blocks n+1 … n+depth are already being fetched
/// and parsed, so a long chain's check is bound by the CPU, not by one request's round trip after
/// another. At most <c>depth</c> blocks are held (bounded memory however long the chain); the
/// auditor still receives them one by one, in order. Reads past the height the auditor asked for
/// are not started.
/// </summary>
public sealed class PrefetchingBlockSource(IBlockSource inner, int depth = PrefetchingBlockSource.DefaultDepth) : IBlockSource
{
    public const int DefaultDepth = 8;

    private readonly Dictionary<ulong, Task<Block?>> _inFlight = [];
    private ulong _height;

    /// <summary>Called after each block is handed out: its number and the height being read to.</summary>
    public Action<ulong, ulong>? Progress { get; init; }

    public async Task<ulong> GetHeightAsync(CancellationToken ct)
    {
        _height = await inner.GetHeightAsync(ct);
        return _height;
    }

    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        // Block 0 (the genesis check) and anything asked before the height is known are read directly.
        if (number == 0 || number > _height)
            return await inner.GetBlockAsync(number, ct);
        for (var n = number; n < number + (ulong)depth && n <= _height; n++)
            if (!_inFlight.ContainsKey(n))
                _inFlight[n] = inner.GetBlockAsync(n, ct);
        var read = _inFlight[number];
        _inFlight.Remove(number);
        var block = await read;
        Progress?.Invoke(number, _height);
        return block;
    }
}
