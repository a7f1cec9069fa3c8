namespace EVoting.AppHost.Dashboard;

/// <summary>One span as received over OTLP, flattened for display and search.</summary>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    string Service,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    int StatusCode,
    string? StatusMessage,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public TimeSpan Duration => End - Start;

    /// <summary>OTLP status code 2 = ERROR.</summary>
    public bool IsError => StatusCode == 2;

    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key).Value;

    public string KindName => Kind switch { 1 => "Internal", 2 => "Server", 3 => "Client", 4 => "Producer", 5 => "Consumer", _ => "Unspecified" };
}

public sealed record SpanEvent(DateTimeOffset Time, string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes);

public sealed record LogRecordData(
    DateTimeOffset Time,
    int SeverityNumber,
    string SeverityText,
    string Body,
    string Service,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>The latest value of one metric series (service, name, attributes).</summary>
public sealed record MetricPoint(string Service, string Name, string Unit, string Kind, double Value, string Attributes, DateTimeOffset Time);

/// <summary>A trace as the list shows it.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    bool HasError);
