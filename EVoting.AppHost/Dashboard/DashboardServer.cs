using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using EVoting.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EVoting.AppHost.Dashboard;

/// <summary>
/// The dashboard: resources with state, health and controls, live console logs, traces with a span
/// waterfall and a search by transaction hash, structured logs and metrics; plus the OTLP/HTTP receiver
/// (protobuf, <c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>) the services export to.
/// Both listen on 127.0.0.1 only.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private const int MaxOtlpBody = 16 * 1024 * 1024;
    private readonly WebApplication _web;

    private DashboardServer(WebApplication web, int uiPort, int otlpPort, TelemetryStore telemetry)
    {
        _web = web;
        Url = new Uri($"http://localhost:{uiPort}");
        OtlpEndpoint = $"http://{EndpointAnnotation.Host}:{otlpPort}";
        Telemetry = telemetry;
    }

    public Uri Url { get; }
    public string OtlpEndpoint { get; }
    public TelemetryStore Telemetry { get; }

    public static async Task<DashboardServer> StartAsync(DistributedApplication app, int uiPort, int otlpPort, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, uiPort);
            kestrel.Listen(IPAddress.Loopback, otlpPort);
            kestrel.Limits.MaxRequestBodySize = MaxOtlpBody;
        });
        var web = builder.Build();
        var telemetry = new TelemetryStore();
        MapOtlp(web, telemetry);
        MapApi(web, app);
        MapPages(web, app, telemetry);
        await web.StartAsync(cancellationToken);
        return new DashboardServer(web, uiPort, otlpPort, telemetry);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync(TimeSpan.FromSeconds(5));
        await _web.DisposeAsync();
    }

    private static void MapOtlp(WebApplication web, TelemetryStore telemetry)
    {
        web.MapPost("/v1/traces", (HttpRequest request) => Receive(request, body => telemetry.AddSpans(OtlpDecoder.DecodeTraces(body))));
        web.MapPost("/v1/logs", (HttpRequest request) => Receive(request, body => telemetry.AddLogs(OtlpDecoder.DecodeLogs(body))));
        web.MapPost("/v1/metrics", (HttpRequest request) => Receive(request, body => telemetry.AddMetrics(OtlpDecoder.DecodeMetrics(body))));
    }

    /// <summary>OTLP/HTTP: protobuf body (optionally gzip), answered with an empty Export*ServiceResponse.</summary>
    private static async Task<IResult> Receive(HttpRequest request, Action<byte[]> store)
    {
        if (request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
            return Results.Problem($"OTLP/HTTP here is protobuf only (Content-Type application/x-protobuf), not '{request.ContentType}'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        byte[] body;
        try
        {
            body = await ReadBodyAsync(request);
        }
        catch (InvalidDataException e)
        {
            return Results.Problem("The gzip body is corrupt: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            store(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Results.Problem("Not a valid OTLP protobuf message: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return Results.Bytes([], "application/x-protobuf");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var source = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        await using (source)
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length + read > MaxOtlpBody)
                    throw new InvalidDataException("the decompressed body is larger than 16 MiB");
                buffer.Write(chunk, 0, read);
            }
        }
        return buffer.ToArray();
    }

    private static void MapApi(WebApplication web, DistributedApplication app)
    {
        web.MapGet("/api/resources", () => Results.Json(app.Runners.Select(r => new
        {
            name = r.Resource.Name,
            type = r.Resource.DisplayType,
            state = r.Snapshot.State.ToString(),
            health = r.Snapshot.Health.ToString(),
            exitCode = r.Snapshot.ExitCode,
            message = r.Snapshot.Message,
            startedAt = r.Snapshot.StartedAt,
            controllable = r.Resource is ProcessResource,
            endpoints = r.Resource.Endpoints.Where(e => e.AllocatedPort is not null)
                .Select(e => new { name = e.Name, url = r.Resource.GetEndpoint(e.Name).Url.ToString().TrimEnd('/') }),
        })));

        web.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            app.Runners.FirstOrDefault(r => r.Resource.Name == name) is { } runner
                ? Results.Json(runner.Logs.Snapshot(after ?? -1).Select(l => new { sequence = l.Sequence, timestamp = l.Timestamp, text = l.Text, isError = l.IsError }))
                : Results.Problem($"No resource named '{name}'.", statusCode: StatusCodes.Status404NotFound));

        // A custom header: a cross-site form cannot send it, so another web page cannot stop resources.
        web.MapPost("/api/resources/{name}/{action}", async (string name, string action, HttpRequest request) =>
        {
            if (request.Headers["X-Dashboard-Action"] != "1")
                return Results.Problem("Missing the X-Dashboard-Action header.", statusCode: StatusCodes.Status403Forbidden);
            if (app.Runners.FirstOrDefault(r => r.Resource.Name == name) is not { Resource: ProcessResource })
                return Results.Problem($"No process resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
            switch (action)
            {
                case "stop": await app.StopResourceAsync(name); break;
                case "start": await app.StartResourceAsync(name); break;
                case "restart": await app.RestartResourceAsync(name); break;
                default: return Results.Problem($"Unknown action '{action}': use start, stop or restart.", statusCode: StatusCodes.Status400BadRequest);
            }
            return Results.NoContent();
        });
    }

    private static void MapPages(WebApplication web, DistributedApplication app, TelemetryStore telemetry)
    {
        static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

        web.MapGet("/dashboard.css", () => Results.Content(DashboardAssets.Css, "text/css; charset=utf-8"));
        web.MapGet("/", () => Html(DashboardPages.Resources()));
        web.MapGet("/console", () => Html(DashboardPages.Console(app.Runners, null)));
        web.MapGet("/console/{name}", (string name) => app.Runners.Any(r => r.Resource.Name == name)
            ? Html(DashboardPages.Console(app.Runners, name))
            : Results.NotFound());
        web.MapGet("/traces", (string? service, string? q) =>
        {
            if (string.IsNullOrWhiteSpace(q))
                return Html(DashboardPages.Traces(telemetry.Traces(service), telemetry.Services(), service, null));
            var query = q.Trim();
            var ids = telemetry.FindTracesByTxHash(query).ToList();
            if (ids.Count == 0 && telemetry.GetTrace(query).Count > 0)
                ids.Add(query.ToLowerInvariant());
            if (ids.Count == 1)
                return Results.Redirect("/traces/" + ids[0]);
            var found = telemetry.Traces(limit: int.MaxValue).Where(t => ids.Contains(t.TraceId)).ToList();
            return Html(DashboardPages.Traces(found, telemetry.Services(), null, query));
        });
        web.MapGet("/traces/{traceId}", (string traceId) => Html(DashboardPages.Trace(traceId, telemetry.GetTrace(traceId))));
        web.MapGet("/api/traces", (string? tx) => Results.Json(tx is null
            ? telemetry.Traces().Select(t => t.TraceId).ToList()
            : telemetry.FindTracesByTxHash(tx)));
        web.MapGet("/api/traces/{traceId}", (string traceId) => Results.Json(telemetry.GetTrace(traceId)));
        web.MapGet("/structured", (string? service) => Html(DashboardPages.StructuredLogs(telemetry.Logs(service), telemetry.Services(), service)));
        web.MapGet("/metrics", () => Html(DashboardPages.Metrics(telemetry.Metrics())));
    }
}
