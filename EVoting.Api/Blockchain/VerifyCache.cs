namespace EVoting.Api.Blockchain;

/// <summary>
/// The last full re-check of the chain (GET /api/blockchain/verify), kept for the height it
/// checked: final blocks never change, so until the chain grows every caller gets that answer, and
/// concurrent callers share one computation instead of each re-checking every ballot from genesis.
/// </summary>
public sealed class VerifyCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VerifyResponse? _last;

    /// <summary>The cached answer when it covers <paramref name="height"/>, else a fresh one from <paramref name="verify"/>.</summary>
    public async Task<VerifyResponse> GetAsync(ulong height, Func<CancellationToken, Task<VerifyResponse>> verify, CancellationToken ct)
    {
        if (Volatile.Read(ref _last) is { } cached && cached.CheckedBlocks >= height)
            return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } done && done.CheckedBlocks >= height)
                return done;
            var fresh = await verify(ct);
            Volatile.Write(ref _last, fresh);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }
}
