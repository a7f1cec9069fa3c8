using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVoting.AppHost.Dashboard;
using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EVoting.Tests.AppHost;

[Trait("Category", "Integration")]
public sealed class DashboardTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DistributedApplication> StartAsync()
    {
        var options = TestApps.Options(output);
        var builder = DistributedApplicationTestingBuilder.Create(new DistributedApplicationTestingOptions
        {
            Dashboard = true,
            OnLog = options.OnLog,
            StartTimeout = options.StartTimeout,
        });
        builder.AddScript("talker", "echo line one; echo line two >&2; sleep 300");
        return await builder.StartAsync(Ct);
    }

    [Fact]
    public async Task Spans_logs_and_metrics_from_the_real_OTLP_exporter_reach_the_dashboard_and_a_vote_is_found_by_its_tx_hash()
    {
        await using var app = await StartAsync();
        var endpoint = app.Run.OtlpEndpoint!;
        var txHash = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var source = new ActivitySource("EVoting.Test." + Guid.NewGuid().ToString("N"));
        var meter = new Meter(source.Name);
        var resource = ResourceBuilder.CreateDefault().AddService("api");
        void Otlp(OtlpExporterOptions o, string signal)
        {
            o.Endpoint = new Uri($"{endpoint}/v1/{signal}");
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
        }

        using (var tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(source.Name).AddOtlpExporter(o => Otlp(o, "traces")).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(meter.Name).AddOtlpExporter(o => Otlp(o, "metrics")).Build())
        using (var loggers = LoggerFactory.Create(l => l.AddOpenTelemetry(o => { o.SetResourceBuilder(resource); o.AddOtlpExporter(e => Otlp(e, "logs")); })))
        {
            using (var submit = source.StartActivity("POST /api/votes/submit", ActivityKind.Server))
            {
                submit!.SetTag(TelemetryStore.TxHashAttribute, txHash);
                submit.SetTag("evoting.election_id", 7L);
                using (var send = source.StartActivity("eth_sendTransaction", ActivityKind.Client))
                    send!.SetStatus(ActivityStatusCode.Error, "validator-1 refused");
                loggers.CreateLogger("votes").LogWarning("vote {TxHash} accepted", txHash);
            }
            meter.CreateCounter<long>("evoting.votes.submitted").Add(3);
            Assert.True(tracer.ForceFlush(10_000));
            Assert.True(meters.ForceFlush(10_000));
        }

        var telemetry = app.Telemetry!;
        var traceId = Assert.Single(telemetry.FindTracesByTxHash(txHash.ToUpperInvariant().Replace("0X", "0x")));
        var spans = telemetry.GetTrace(traceId);
        Assert.Equal(["POST /api/votes/submit", "eth_sendTransaction"], spans.Select(s => s.Name));
        Assert.All(spans, s => Assert.Equal("api", s.Service));
        Assert.Equal(spans[0].SpanId, spans[1].ParentSpanId);
        Assert.Equal("7", spans[0].Attribute("evoting.election_id"));
        Assert.True(spans[1].IsError);
        Assert.Equal("Server", spans[0].KindName);
        Assert.Contains(telemetry.Logs("api"), l => l.Body.Contains("accepted") && l.TraceId == traceId && l.SeverityNumber == 13);
        Assert.Contains(telemetry.Metrics(), m => m.Name == "evoting.votes.submitted" && m.Value == 3 && m.Service == "api");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.DashboardUrl };
        using var search = await http.GetAsync($"/traces?q={txHash}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, search.StatusCode);
        Assert.Equal($"/traces/{traceId}", search.Headers.Location!.ToString());
        var page = await http.GetStringAsync($"/traces/{traceId}", Ct);
        Assert.Contains("eth_sendTransaction", page);
        Assert.Contains(txHash, page);
        Assert.Contains("validator-1 refused", page);
        Assert.Contains("vote", await http.GetStringAsync("/structured?service=api", Ct));
        Assert.Contains("evoting.votes.submitted", await http.GetStringAsync("/metrics", Ct));
    }

    [Fact]
    public async Task The_dashboard_lists_resources_streams_their_logs_and_stops_one_only_with_its_header()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.DashboardUrl };

        Assert.Contains("<h1>Resources</h1>", await http.GetStringAsync("/", Ct));
        var resources = await http.GetFromJsonAsync<JsonElement>("/api/resources", Ct);
        var talker = resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "talker");
        Assert.Equal("Running", talker.GetProperty("state").GetString());
        Assert.Equal("Healthy", talker.GetProperty("health").GetString());

        JsonElement logs = default;
        for (var i = 0; i < 50 && (logs.ValueKind != JsonValueKind.Array || logs.GetArrayLength() < 2); i++, await Task.Delay(100, Ct))
            logs = await http.GetFromJsonAsync<JsonElement>("/api/resources/talker/logs", Ct);
        Assert.Equal(["line one", "line two"], logs.EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        Assert.True(logs[1].GetProperty("isError").GetBoolean());
        var after = logs[0].GetProperty("sequence").GetInt64();
        Assert.Single((await http.GetFromJsonAsync<JsonElement>($"/api/resources/talker/logs?after={after}", Ct)).EnumerateArray());

        using (var forged = await http.PostAsync("/api/resources/talker/stop", null, Ct))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.True(app.GetResourceState("talker").IsHealthy);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/resources/talker/stop") { Headers = { { "X-Dashboard-Action", "1" } } };
        using (var stop = await http.SendAsync(request, Ct))
            Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Equal(ResourceState.Exited, app.GetResourceState("talker").State);

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/resources/nobody/stop") { Headers = { { "X-Dashboard-Action", "1" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknown, Ct)).StatusCode);
        using var badAction = new HttpRequestMessage(HttpMethod.Post, "/api/resources/talker/explode") { Headers = { { "X-Dashboard-Action", "1" } } };
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(badAction, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_OTLP_receiver_refuses_json_and_garbage_with_a_clear_error()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Run.OtlpEndpoint!) };

        using var json = await http.PostAsync("/v1/traces", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        using var garbage = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        garbage.Headers.ContentType = new("application/x-protobuf");
        using var refused = await http.PostAsync("/v1/traces", garbage, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("protobuf", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, app.Telemetry!.SpanCount);
    }
}
