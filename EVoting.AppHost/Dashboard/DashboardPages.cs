using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Dashboard;

/// <summary>Server-rendered HTML of the dashboard's pages.</summary>
internal static class DashboardPages
{
    private static string H(string? text) => HtmlEncoder.Default.Encode(text ?? "");
    private static string U(string text) => UrlEncoder.Default.Encode(text);

    public static string Layout(string title, string active, string body, string? script = null) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{H(title)} · EVoting dashboard</title><link rel="stylesheet" href="/dashboard.css"></head>
        <body><header><strong>EVoting</strong>
        {Nav("/", "Resources", active)} {Nav("/console", "Console", active)} {Nav("/traces", "Traces", active)} {Nav("/structured", "Structured logs", active)} {Nav("/metrics", "Metrics", active)}
        <form action="/traces" method="get"><input name="q" placeholder="Find a vote's trace: transaction hash 0x… (or a trace id)" aria-label="transaction hash"><button>Find</button></form>
        </header><main>{body}</main>{(script is null ? "" : $"<script>{script}</script>")}</body></html>
        """;

    private static string Nav(string href, string label, string active) =>
        $"<a href=\"{href}\"{(href == active ? " class=\"active\"" : "")}>{label}</a>";

    public static string Resources() => Layout("Resources", "/", """
        <h1>Resources</h1>
        <table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Endpoints</th><th>Started</th><th>Actions</th></tr></thead>
        <tbody id="resources"><tr><td colspan="6" class="muted">Loading…</td></tr></tbody></table>
        """, DashboardAssets.ResourcesScript);

    public static string Console(IReadOnlyList<ResourceRunner> runners, string? selected)
    {
        var tabs = string.Join(" ", runners.Where(r => r.Resource is ProcessResource)
            .Select(r => $"<a href=\"/console/{U(r.Resource.Name)}\"{(r.Resource.Name == selected ? " class=\"active\"" : "")}>{H(r.Resource.Name)}</a>"));
        if (selected is null)
            return Layout("Console", "/console", $"<h1>Console logs</h1><p class=\"tabs\">{tabs}</p><p class=\"muted\">Pick a resource.</p>");
        return Layout("Console · " + selected, "/console",
            $"<h1>Console logs: {H(selected)}</h1><p class=\"tabs\">{tabs}</p><pre class=\"console\" id=\"console\" data-resource=\"{H(selected)}\"></pre>",
            DashboardAssets.ConsoleScript);
    }

    public static string Traces(IReadOnlyList<TraceSummary> traces, IReadOnlyList<string> services, string? service, string? query)
    {
        var body = new StringBuilder("<h1>Traces</h1><p class=\"tabs\">");
        body.Append($"<a href=\"/traces\"{(service is null ? " class=\"active\"" : "")}>all</a> ");
        foreach (var s in services)
            body.Append($"<a href=\"/traces?service={U(s)}\"{(s == service ? " class=\"active\"" : "")}>{H(s)}</a> ");
        body.Append("</p>");
        if (query is not null)
            body.Append($"<p>Traces of <code>{H(query)}</code>: {traces.Count}</p>");
        body.Append("<table><thead><tr><th>Started</th><th>Root</th><th>Services</th><th>Spans</th><th>Duration</th><th>Status</th></tr></thead><tbody>");
        foreach (var t in traces)
        {
            body.Append($"<tr><td class=\"mono\">{t.Start:HH:mm:ss.fff}</td><td><a href=\"/traces/{t.TraceId}\">{H(t.RootService)}: {H(t.RootName)}</a></td>")
                .Append($"<td>{string.Concat(t.Services.Select(s => $"<span class=\"pill\">{H(s)}</span>"))}</td><td>{t.SpanCount}</td>")
                .Append($"<td>{Ms(t.Duration)}</td><td>{(t.HasError ? "<span class=\"error\">error</span>" : "ok")}</td></tr>");
        }
        if (traces.Count == 0)
            body.Append("<tr><td colspan=\"6\" class=\"muted\">No traces yet.</td></tr>");
        body.Append("</tbody></table>");
        return Layout("Traces", "/traces", body.ToString());
    }

    /// <summary>One trace as a waterfall: spans as a tree (children under parents, by start), bars on one time axis.</summary>
    public static string Trace(string traceId, IReadOnlyList<SpanData> spans)
    {
        if (spans.Count == 0)
            return Layout("Trace", "/traces", $"<h1>Trace {H(traceId)}</h1><p class=\"muted\">Unknown trace (or already dropped from memory).</p>");
        var start = spans.Min(s => s.Start);
        var total = Math.Max((spans.Max(s => s.End) - start).TotalMilliseconds, 0.001);
        var body = new StringBuilder($"<h1>Trace <code>{H(traceId)}</code></h1><p>{spans.Count} spans · {Ms(TimeSpan.FromMilliseconds(total))} · services: ")
            .Append(string.Concat(spans.Select(s => s.Service).Distinct().Select(s => $"<span class=\"pill\">{H(s)}</span>"))).Append("</p>")
            .Append("<table><thead><tr><th>Service</th><th>Span</th><th>Duration</th><th class=\"wf-bar-cell\">Timeline</th></tr></thead><tbody>");
        foreach (var (span, depth) in Ordered(spans))
        {
            var left = (span.Start - start).TotalMilliseconds / total * 100;
            var width = Math.Max(span.Duration.TotalMilliseconds / total * 100, 0.3);
            body.Append("<tr class=\"wf-row\">")
                .Append($"<td><span class=\"pill\" style=\"background:{Colour(span.Service)}\">{H(span.Service)}</span></td>")
                .Append($"<td style=\"padding-left:{0.6 + depth * 1.2:0.0}rem\"><details><summary>{H(span.Name)}{(span.IsError ? " <span class=\"error\">error</span>" : "")}</summary>")
                .Append(Attributes(span)).Append("</details></td>")
                .Append($"<td>{Ms(span.Duration)}</td>")
                .Append($"<td class=\"wf-bar-cell\"><div class=\"wf-track\"><div class=\"wf-bar\" style=\"left:{Pct(left)}%;width:{Pct(Math.Min(width, 100 - left))}%;background:{Colour(span.Service)}\"></div></div></td></tr>");
        }
        body.Append("</tbody></table>");
        return Layout("Trace", "/traces", body.ToString());
    }

    public static string StructuredLogs(IReadOnlyList<LogRecordData> logs, IReadOnlyList<string> services, string? service)
    {
        var body = new StringBuilder("<h1>Structured logs</h1><p class=\"tabs\">");
        body.Append($"<a href=\"/structured\"{(service is null ? " class=\"active\"" : "")}>all</a> ");
        foreach (var s in services)
            body.Append($"<a href=\"/structured?service={U(s)}\"{(s == service ? " class=\"active\"" : "")}>{H(s)}</a> ");
        body.Append("</p><table><thead><tr><th>Time</th><th>Service</th><th>Level</th><th>Message</th><th>Trace</th></tr></thead><tbody>");
        foreach (var l in logs)
        {
            body.Append($"<tr><td class=\"mono\">{l.Time:HH:mm:ss.fff}</td><td>{H(l.Service)}</td><td{(l.SeverityNumber >= 17 ? " class=\"error\"" : "")}>{H(Level(l))}</td>")
                .Append($"<td class=\"mono\">{H(l.Body)}</td><td>{(l.TraceId is null ? "" : $"<a class=\"mono\" href=\"/traces/{l.TraceId}\">{l.TraceId[..8]}…</a>")}</td></tr>");
        }
        body.Append("</tbody></table>");
        return Layout("Structured logs", "/structured", body.ToString());
    }

    public static string Metrics(IReadOnlyList<MetricPoint> metrics)
    {
        var body = new StringBuilder("<h1>Metrics</h1><p class=\"muted\">Latest value of each series (histograms: the mean).</p>")
            .Append("<table><thead><tr><th>Service</th><th>Metric</th><th>Attributes</th><th>Kind</th><th>Value</th></tr></thead><tbody>");
        foreach (var m in metrics)
        {
            body.Append($"<tr><td>{H(m.Service)}</td><td class=\"mono\">{H(m.Name)}</td><td class=\"mono\">{H(m.Attributes)}</td><td>{H(m.Kind)}</td>")
                .Append($"<td class=\"mono\">{m.Value.ToString("G6", CultureInfo.InvariantCulture)} {H(m.Unit)}</td></tr>");
        }
        body.Append("</tbody></table>");
        return Layout("Metrics", "/metrics", body.ToString());
    }

    private static string Attributes(SpanData span)
    {
        var rows = new StringBuilder("<table class=\"attrs\">");
        void Row(string key, string value) => rows.Append($"<tr><td>{H(key)}</td><td class=\"mono\">{H(value)}</td></tr>");
        Row("span id", span.SpanId);
        Row("kind", span.KindName);
        Row("scope", span.Scope);
        Row("start", span.Start.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        if (span.StatusMessage is not null)
            Row("status", span.StatusMessage);
        foreach (var (key, value) in span.Attributes)
            Row(key, value);
        foreach (var e in span.Events)
            Row("event " + e.Name, $"+{Ms(e.Time - span.Start)} " + string.Join(", ", e.Attributes.Select(a => $"{a.Key}={a.Value}")));
        return rows.Append("</table>").ToString();
    }

    private static IEnumerable<(SpanData Span, int Depth)> Ordered(IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());
        var roots = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start);
        var stack = new Stack<(SpanData, int)>(roots.Reverse().Select(r => (r, 0)));
        while (stack.TryPop(out var item))
        {
            yield return item;
            if (children.TryGetValue(item.Item1.SpanId, out var kids))
                for (var i = kids.Count - 1; i >= 0; i--)
                    stack.Push((kids[i], item.Item2 + 1));
        }
    }

    private static string Level(LogRecordData l) => l.SeverityText is { Length: > 0 } t ? t : l.SeverityNumber switch
    {
        >= 21 => "Critical", >= 17 => "Error", >= 13 => "Warning", >= 9 => "Information", >= 5 => "Debug", > 0 => "Trace", _ => "",
    };

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";
    private static string Pct(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Colour(string service)
    {
        var hue = service.Aggregate(7, (h, c) => unchecked(h * 31 + c)) & 0x7fffffff;
        return $"hsl({hue % 360}, 55%, 72%)";
    }
}
