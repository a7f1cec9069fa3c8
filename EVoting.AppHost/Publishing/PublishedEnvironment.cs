using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// The environment of a resource in its published form: what the run mode injects (ports, telemetry,
/// ASP.NET Core settings) as deployment-time values, then the declared entries.
/// </summary>
internal static class PublishedEnvironment
{
    public const string ComposeOtlpEndpoint = "http://aspire-dashboard:18889";

    public static IEnumerable<(string Name, string Value)> ForManifest(ProcessResource resource)
    {
        if (resource is ProjectResource)
        {
            yield return ("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true");
            yield return ("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true");
            yield return ("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory");
            yield return ("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
            yield return ("HTTP_PORTS", string.Join(';', HttpEndpoints(resource).Select(e => TargetPort(resource, e).ToManifest())));
        }
        if (resource is MariaDbServerResource mariadb)
        {
            foreach (var entry in mariadb.ContainerEnvironment)
                yield return (entry.Name, entry.Value.ToManifest());
        }
        foreach (var endpoint in resource.Endpoints.Where(e => e.PortEnvironmentVariable is not null))
            yield return (endpoint.PortEnvironmentVariable!, TargetPort(resource, endpoint).ToManifest());
        foreach (var entry in resource.Environment)
            yield return (entry.Name, entry.Value.ToManifest());
    }

    public static IEnumerable<(string Name, string Value)> ForCompose(ProcessResource resource)
    {
        if (resource is MariaDbServerResource mariadb)
        {
            foreach (var entry in mariadb.ContainerEnvironment)
                yield return (entry.Name, entry.Value.ToCompose());
            yield break;
        }
        if (resource is ProjectResource)
        {
            yield return ("ASPNETCORE_ENVIRONMENT", "Production");
            yield return ("ASPNETCORE_URLS", string.Join(';', HttpEndpoints(resource).Select(e => $"http://+:{e.TargetPort}")));
        }
        yield return ("OTEL_EXPORTER_OTLP_ENDPOINT", ComposeOtlpEndpoint);
        yield return ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        yield return ("OTEL_SERVICE_NAME", resource.Name);
        yield return ("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + resource.Name);
        yield return ("OTEL_BSP_SCHEDULE_DELAY", "1000");
        foreach (var endpoint in resource.Endpoints.Where(e => e.PortEnvironmentVariable is not null))
            yield return (endpoint.PortEnvironmentVariable!, TargetPort(resource, endpoint).ToCompose());
        foreach (var entry in resource.Environment)
            yield return (entry.Name, entry.Value.ToCompose());
    }

    private static IEnumerable<EndpointAnnotation> HttpEndpoints(Resource resource) =>
        resource.Endpoints.Where(e => e.Scheme is "http" or "https");

    private static EndpointValue TargetPort(Resource resource, EndpointAnnotation endpoint) =>
        new(resource.GetEndpoint(endpoint.Name), EndpointProperty.TargetPort);
}
