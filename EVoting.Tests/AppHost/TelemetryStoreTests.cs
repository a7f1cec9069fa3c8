using EVoting.AppHost.Dashboard;

namespace EVoting.Tests.AppHost;

public sealed class TelemetryStoreTests
{
    private static SpanData Span(string traceId, string spanId, string? txHash = null, int startMs = 0) => new(
        traceId, spanId, null, "span " + spanId, 2, "api", "test",
        DateTimeOffset.UnixEpoch.AddMilliseconds(startMs), DateTimeOffset.UnixEpoch.AddMilliseconds(startMs + 5), 0, null,
        txHash is null ? [] : [new(TelemetryStore.TxHashAttribute, txHash)], []);

    [Fact]
    public void The_oldest_spans_are_dropped_beyond_the_bound_and_their_tx_hash_is_forgotten()
    {
        var store = new TelemetryStore(maxSpans: 3);
        store.AddSpans([Span("t1", "a", "0xaa"), Span("t2", "b", "0xbb", 1)]);
        store.AddSpans([Span("t3", "c", startMs: 2), Span("t3", "d", startMs: 3)]);

        Assert.Equal(3, store.SpanCount);
        Assert.Empty(store.GetTrace("t1"));
        Assert.Empty(store.FindTracesByTxHash("0xaa"));
        Assert.Equal(["t2"], store.FindTracesByTxHash("0xBB"));
        Assert.Equal(["t3", "t2"], store.Traces().Select(t => t.TraceId));
    }

    [Fact]
    public void A_trace_summary_has_its_root_services_span_count_and_duration()
    {
        var store = new TelemetryStore();
        var root = Span("t", "r");
        var child = Span("t", "c", startMs: 2) with { ParentSpanId = "r", Service = "validator-2", StatusCode = 2 };
        store.AddSpans([child, root]);

        var summary = Assert.Single(store.Traces());

        Assert.Equal("span r", summary.RootName);
        Assert.Equal(["api", "validator-2"], summary.Services);
        Assert.Equal(2, summary.SpanCount);
        Assert.Equal(TimeSpan.FromMilliseconds(7), summary.Duration);
        Assert.True(summary.HasError);
    }

    [Fact]
    public void A_tx_hash_is_found_with_or_without_0x_in_any_case()
    {
        var store = new TelemetryStore();
        store.AddSpans([Span("t", "a", "0xAbCd")]);

        Assert.Equal(["t"], store.FindTracesByTxHash("0xabcd"));
        Assert.Equal(["t"], store.FindTracesByTxHash("ABCD"));
        Assert.Empty(store.FindTracesByTxHash("0xabce"));
    }
}
