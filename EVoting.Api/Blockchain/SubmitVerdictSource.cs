using EVoting.Audit;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// The stats audit's blocks, with the verdicts the API's submit path recorded: a vote's outbox row
/// exists only after its ballot proofs passed at submit, so for a vote this API accepted the audit
/// takes that verdict (by transaction hash, which covers the ballot, and under the election key it
/// was checked against) instead of proving the ballot again. Votes the API did not accept are
/// proven as before. One lookup per block. See docs/benchmarks.md ("One proof check per process").
/// </summary>
public sealed class SubmitVerdictSource(
    IBlockSource inner, CachingBallotRule verdicts,
    Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, string>>> lookup) : IBlockSource
{
    public Task<ulong> GetHeightAsync(CancellationToken ct) => inner.GetHeightAsync(ct);

    public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
    {
        var block = await inner.GetBlockAsync(number, ct);
        var votes = block?.Transactions.Where(t => t.Kind == TxKind.Vote).Select(t => t.Hash.ToString()).ToList();
        if (votes is { Count: > 0 })
        {
            foreach (var (hash, key) in await lookup(votes, ct))
                if (Hash32.TryParse(hash, out var txHash) && TryHex(key, out var electionKey))
                    verdicts.Remember(txHash, electionKey);
        }
        return block;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
