using System.Globalization;
using System.Text.Json.Nodes;

namespace EVoting.Tests.AppHost;

/// <summary>One span as the Aspire dashboard's telemetry API returns it (OTLP JSON), flattened.</summary>
internal sealed record SpanData(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string Service, DateTimeOffset Start,
    int StatusCode, string? StatusMessage, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP status code 2 = ERROR.</summary>
    public bool IsError => StatusCode == 2;

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
}

/// <summary>Reads spans from the dashboard's <c>/api/telemetry/spans</c> with its API key.</summary>
internal static class DashboardSpans
{
    public const string TxHashAttribute = "evoting.tx_hash";

    public static async Task<IReadOnlyList<SpanData>> ReadAsync(Uri dashboard, string apiKey, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = dashboard };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/spans?limit=10000");
        request.Headers.Add("x-api-key", apiKey);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"dashboard /api/telemetry/spans: {(int)response.StatusCode} {text}");
        var spans = new List<SpanData>();
        foreach (var resourceSpans in JsonNode.Parse(text)!["data"]?["resourceSpans"]?.AsArray() ?? [])
        {
            var service = Attributes(resourceSpans!["resource"]?["attributes"]).GetValueOrDefault("service.name") ?? "?";
            foreach (var scope in resourceSpans["scopeSpans"]?.AsArray() ?? [])
            {
                foreach (var span in scope!["spans"]?.AsArray() ?? [])
                {
                    var nanos = long.Parse(span!["startTimeUnixNano"]!.ToString(), CultureInfo.InvariantCulture);
                    spans.Add(new SpanData(
                        span["traceId"]!.GetValue<string>(), span["spanId"]!.GetValue<string>(),
                        span["parentSpanId"]?.GetValue<string>() is { Length: > 0 } parent ? parent : null,
                        span["name"]!.GetValue<string>(), service,
                        DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000),
                        span["status"]?["code"]?.GetValue<int>() ?? 0, span["status"]?["message"]?.GetValue<string>(),
                        Attributes(span["attributes"])));
                }
            }
        }
        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonNode? attributes)
    {
        var map = new Dictionary<string, string>();
        foreach (var a in attributes?.AsArray() ?? [])
        {
            var value = a!["value"]!.AsObject().FirstOrDefault().Value;
            map[a["key"]!.GetValue<string>()] = value?.ToString() ?? "";
        }
        return map;
    }
}
