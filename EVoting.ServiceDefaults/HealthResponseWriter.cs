using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes `{"status":"healthy", ...}` with each check's data merged in, so a node's /health can say
/// its height, peers and sync state (the seed's probes read `status`).
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status switch
            {
                HealthStatus.Healthy => "healthy",
                HealthStatus.Degraded => "degraded",
                _ => "unhealthy",
            },
        };
        foreach (var (name, entry) in report.Entries)
        {
            foreach (var (key, value) in entry.Data)
                body[key] = value;
            if (entry.Status != HealthStatus.Healthy)
                body["check_" + name] = entry.Description ?? entry.Status.ToString();
        }
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
