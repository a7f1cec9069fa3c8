using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Names of the per-service ActivitySource and Meter ("EVoting.&lt;service&gt;").</summary>
public static class ServiceTelemetry
{
    public static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;

    /// <summary>
    /// One source per service kind: "EVoting.Validator" for validator-1..3 alike, so code can name it
    /// without knowing the instance. The instance is in the resource attributes.
    /// </summary>
    public static string SourceName(string serviceName) => serviceName switch
    {
        var s when s.StartsWith("validator", StringComparison.OrdinalIgnoreCase) => "EVoting.Validator",
        var s when s.StartsWith("EVoting.", StringComparison.Ordinal) => s,
        var s => "EVoting." + char.ToUpperInvariant(s[0]) + s[1..],
    };
}
