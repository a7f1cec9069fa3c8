using System.Globalization;

namespace EVoting.AppHost.Hosting;

/// <summary>A resource that runs as a child process of the AppHost.</summary>
public abstract class ProcessResource(string name) : Resource(name), IResourceWithEndpoints
{
    /// <summary>Turns the declaration into a command line (may do first-run work: install packages, init a data folder).</summary>
    public abstract Task<ProcessSpec> PrepareAsync(RunContext run, ResourceLogs logs, CancellationToken cancellationToken);

    /// <summary>
    /// One health probe. Default: the <see cref="Resource.HealthCheck"/> over HTTP; a resource without one
    /// is healthy once running, as in Aspire.
    /// </summary>
    public virtual async Task<bool> ProbeAsync(RunContext run, HttpClient http, CancellationToken cancellationToken)
    {
        if (HealthCheck is null)
            return true;
        var url = new Uri(GetEndpoint(HealthCheck.EndpointName).Url, HealthCheck.Path);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// The environment every process gets (ports, telemetry) plus its declared entries; the declared
    /// entries win, so a test can override anything.
    /// </summary>
    public virtual Dictionary<string, string> GetEnvironment(RunContext run)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints.Where(e => e.PortEnvironmentVariable is not null))
            env[endpoint.PortEnvironmentVariable!] = endpoint.RequirePort(Name).ToString(CultureInfo.InvariantCulture);

        env["OTEL_SERVICE_NAME"] = Name;
        env["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + Name;
        if (run.OtlpEndpoint is not null)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = run.OtlpEndpoint;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            // Short export delays so a trace shows up in the dashboard (and in trace tests) within a second or two.
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";
        }

        foreach (var entry in Environment)
            env[entry.Name] = entry.Value.Resolve(run);
        return env;
    }

    protected IReadOnlyList<string> ResolveArgs(RunContext run) => Args.Select(a => a.Resolve(run)).ToList();

    protected static string ResolvePath(RunContext run, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(run.RepositoryRoot, path));
}
