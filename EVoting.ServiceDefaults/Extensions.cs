using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one place where every EVoting service gets telemetry, health checks, service discovery
/// and HttpClient resilience (the shape of Aspire's ServiceDefaults project).
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var serviceName = ServiceTelemetry.ServiceName(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ServiceTelemetry.SourceName(serviceName)))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new RateLimitingSampler(TracesPerSecond(builder.Configuration))))
                .AddSource(ServiceTelemetry.SourceName(serviceName))
                // Probes would drown the traces of votes.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = req =>
                    req.RequestUri is null || !req.RequestUri.AbsolutePath.StartsWith(HealthEndpointPath, StringComparison.Ordinal)));

        // The exporter is on only where a collector is configured (the AppHost's dashboard, compose's).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        builder.Services.AddSingleton(new ActivitySource(ServiceTelemetry.SourceName(serviceName)));
        return builder;
    }

    /// <summary>New traces a process keeps per second (Telemetry:TracesPerSecond, default 10; see <see cref="RateLimitingSampler"/>).</summary>
    public static double TracesPerSecond(IConfiguration configuration)
    {
        var text = configuration["Telemetry:TracesPerSecond"];
        if (text is null)
            return DefaultTracesPerSecond;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1_000_000
            ? value
            : throw new InvalidOperationException($"Telemetry:TracesPerSecond must be a number above 0, not '{text}'.");
    }

    public const double DefaultTracesPerSecond = 10;

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
