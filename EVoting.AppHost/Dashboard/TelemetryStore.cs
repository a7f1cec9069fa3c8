namespace EVoting.AppHost.Dashboard;

/// <summary>
/// Telemetry received over OTLP, held in memory with bounds: the oldest spans and log records are
/// dropped first; metrics keep only the latest point of each series. Thread-safe.
/// </summary>
public sealed class TelemetryStore(int maxSpans = 20_000, int maxLogs = 10_000, int maxMetricSeries = 5_000)
{
    /// <summary>The span attribute that carries a vote's transaction hash.</summary>
    public const string TxHashAttribute = "evoting.tx_hash";

    private readonly Lock _gate = new();
    private readonly Queue<SpanData> _spans = new();
    private readonly Dictionary<string, List<SpanData>> _traces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _tracesByTxHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<LogRecordData> _logs = new();
    private readonly Dictionary<string, MetricPoint> _metrics = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SpanCount { get { lock (_gate) return _spans.Count; } }

    public void AddSpans(IEnumerable<SpanData> spans)
    {
        lock (_gate)
        {
            foreach (var span in spans)
            {
                _spans.Enqueue(span);
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                    _traces[span.TraceId] = trace = [];
                trace.Add(span);
                if (span.Attribute(TxHashAttribute) is { Length: > 0 } txHash)
                {
                    if (!_tracesByTxHash.TryGetValue(txHash, out var ids))
                        _tracesByTxHash[txHash] = ids = [];
                    ids.Add(span.TraceId);
                }
            }
            while (_spans.Count > maxSpans)
                Evict(_spans.Dequeue());
        }
        Pulse();
    }

    public void AddLogs(IEnumerable<LogRecordData> logs)
    {
        lock (_gate)
        {
            foreach (var log in logs)
                _logs.Enqueue(log);
            while (_logs.Count > maxLogs)
                _logs.Dequeue();
        }
        Pulse();
    }

    public void AddMetrics(IEnumerable<MetricPoint> points)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                var key = $"{point.Service}\n{point.Name}\n{point.Attributes}";
                if (_metrics.ContainsKey(key) || _metrics.Count < maxMetricSeries)
                    _metrics[key] = point;
            }
        }
    }

    /// <summary>The most recent traces first.</summary>
    public IReadOnlyList<TraceSummary> Traces(string? service = null, int limit = 200)
    {
        lock (_gate)
        {
            return _traces.Values
                .Where(t => service is null || t.Any(s => s.Service == service))
                .Select(Summarize)
                .OrderByDescending(t => t.Start)
                .Take(limit)
                .ToList();
        }
    }

    /// <summary>The spans of one trace, in start order (empty when unknown).</summary>
    public IReadOnlyList<SpanData> GetTrace(string traceId)
    {
        lock (_gate)
            return _traces.TryGetValue(traceId.ToLowerInvariant(), out var spans) ? spans.OrderBy(s => s.Start).ToList() : [];
    }

    /// <summary>Trace ids whose spans carry <c>evoting.tx_hash</c> = <paramref name="txHash"/> (any case, with or without 0x).</summary>
    public IReadOnlyList<string> FindTracesByTxHash(string txHash)
    {
        var normalized = txHash.Trim();
        lock (_gate)
        {
            var ids = new HashSet<string>();
            foreach (var candidate in new[] { normalized, normalized.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? normalized[2..] : "0x" + normalized })
            {
                if (_tracesByTxHash.TryGetValue(candidate, out var found))
                    ids.UnionWith(found.Where(_traces.ContainsKey));
            }
            return ids.OrderBy(id => id, StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<string> Services()
    {
        lock (_gate)
            return _traces.Values.SelectMany(t => t).Select(s => s.Service).Concat(_logs.Select(l => l.Service)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The most recent log records first.</summary>
    public IReadOnlyList<LogRecordData> Logs(string? service = null, string? traceId = null, int limit = 500)
    {
        lock (_gate)
        {
            return _logs.Reverse()
                .Where(l => (service is null || l.Service == service) && (traceId is null || l.TraceId == traceId))
                .Take(limit)
                .ToList();
        }
    }

    public IReadOnlyList<MetricPoint> Metrics()
    {
        lock (_gate)
            return _metrics.Values.OrderBy(m => m.Service, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Attributes, StringComparer.Ordinal).ToList();
    }

    /// <summary>Waits until some stored span satisfies <paramref name="predicate"/> (tests, live views).</summary>
    public async Task<SpanData> WaitForSpanAsync(Func<SpanData, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_spans.FirstOrDefault(predicate) is { } span)
                    return span;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Evict(SpanData span)
    {
        if (!_traces.TryGetValue(span.TraceId, out var trace))
            return;
        trace.Remove(span);
        if (trace.Count > 0)
            return;
        _traces.Remove(span.TraceId);
        if (span.Attribute(TxHashAttribute) is { Length: > 0 } txHash && _tracesByTxHash.TryGetValue(txHash, out var ids))
        {
            ids.Remove(span.TraceId);
            if (ids.Count == 0)
                _tracesByTxHash.Remove(txHash);
        }
    }

    private static TraceSummary Summarize(List<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        // The root: no parent, or a parent that was never received (the trace began outside the app).
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TraceSummary(root.TraceId, root.Name, root.Service, spans.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal).ToList(),
            start, end - start, spans.Count, spans.Any(s => s.IsError));
    }

    private void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
