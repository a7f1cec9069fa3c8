using System.Text;

namespace EVoting.Tests.AppHost;

/// <summary>
/// What the Aspire dashboard holds for one vote: every trace whose spans carry its tx hash, and their
/// spans; with the checks that make it one trace from the API to finality (docs/operations.md).
/// </summary>
internal sealed class VoteTrace
{
    private readonly Dictionary<string, SpanData> _byId;

    private VoteTrace(string txHash, IReadOnlyList<string> traceIds, IReadOnlyList<SpanData> spans)
    {
        TxHash = txHash;
        TraceIds = traceIds;
        Spans = spans;
        _byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
    }

    public string TxHash { get; }

    public IReadOnlyList<string> TraceIds { get; }

    public IReadOnlyList<SpanData> Spans { get; }

    public static VoteTrace From(IReadOnlyList<SpanData> all, string txHash)
    {
        var ids = all.Where(s => string.Equals(s.Attribute(DashboardSpans.TxHashAttribute), txHash, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.TraceId).Distinct().ToList();
        return new VoteTrace(txHash, ids, all.Where(s => ids.Contains(s.TraceId)).OrderBy(s => s.Start).ToList());
    }

    /// <summary>The spans tagged with the vote's tx hash.</summary>
    public IEnumerable<SpanData> TxSpans => Spans.Where(s => string.Equals(s.Attribute(DashboardSpans.TxHashAttribute), TxHash, StringComparison.OrdinalIgnoreCase));

    /// <summary>The earliest eth_sendTransaction on a validator that the API's span leads to and that ran admission.</summary>
    public SpanData? ReceivingRpc => Spans
        .Where(s => IsValidator(s) && s.Name == "rpc eth_sendTransaction" && HasAncestor(s, a => a.Service == "api")
                    && Spans.Any(c => c.ParentSpanId == s.SpanId && c.Service == s.Service && c.Name == "mempool.admit"))
        .MinBy(s => s.Start);

    /// <summary>A gossip receive on another validator that descends from the receiving validator's RPC span.</summary>
    public SpanData? GossipReceive(SpanData receiving) => Spans
        .FirstOrDefault(s => IsValidator(s) && s.Service != receiving.Service && s.Name == "p2p.receive new_transaction"
                             && HasAncestor(s, a => a.SpanId == receiving.SpanId));

    /// <summary>Null when the vote is exactly one complete trace; otherwise what is missing.</summary>
    public string? Missing(string blockNumber)
    {
        if (TraceIds.Count != 1)
            return $"exactly one trace with the tx hash (found {TraceIds.Count})";
        if (!TxSpans.Any(s => s.Service == "api"))
            return "a span from the api carrying the tx hash";
        if (ReceivingRpc is not { } receiving)
            return "the receiving validator's eth_sendTransaction span (under the api's span) with its mempool.admit";
        if (GossipReceive(receiving) is null)
            return $"a p2p.receive new_transaction span on a validator other than {receiving.Service}, under {receiving.Service}'s RPC span";
        if (!TxSpans.Any(s => IsValidator(s) && s.Name == "tx.included" && InBlock(s, blockNumber)))
            return $"the inclusion span (tx.included in block {blockNumber}, with evoting.validator)";
        if (!TxSpans.Any(s => IsValidator(s) && s.Name == "tx.final" && InBlock(s, blockNumber)))
            return $"the finality span (tx.final in block {blockNumber}, with evoting.validator)";
        return null;
    }

    /// <summary>Every trace and span found, for the failure message and the test output.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"traces with tx {TxHash}: {TraceIds.Count} [{string.Join(", ", TraceIds)}]\n");
        foreach (var s in Spans)
        {
            text.Append($"  {s.Start:HH:mm:ss.fff} trace {s.TraceId[..8]} span {s.SpanId[..8]} parent {(s.ParentSpanId is { Length: >= 8 } p ? p[..8] : "-       ")} ")
                .Append($"{s.Service,-12} {s.Name}");
            foreach (var key in new[] { "evoting.election_id", "evoting.block_number", "evoting.validator" })
            {
                if (s.Attribute(key) is { } value)
                    text.Append($" {key[8..]}={value}");
            }
            if (s.Attribute(DashboardSpans.TxHashAttribute) is { } tx)
                text.Append(" tx=").Append(tx.Length > 12 ? tx[..12] : tx);
            if (s.IsError)
                text.Append(" ERROR ").Append(s.StatusMessage);
            text.Append('\n');
        }
        return text.ToString();
    }

    private static bool IsValidator(SpanData s) => s.Service.StartsWith("validator-", StringComparison.Ordinal);

    private static bool InBlock(SpanData s, string blockNumber) =>
        s.Attribute("evoting.block_number") == blockNumber && !string.IsNullOrEmpty(s.Attribute("evoting.validator"));

    private bool HasAncestor(SpanData span, Func<SpanData, bool> predicate)
    {
        var seen = new HashSet<string>();
        for (var s = span; s.ParentSpanId is { } parent && seen.Add(parent) && _byId.TryGetValue(parent, out var p); s = p)
        {
            if (predicate(p))
                return true;
        }
        return false;
    }
}
