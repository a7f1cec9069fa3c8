using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// Maps Aspire's model onto a compose file the way Aspire's Docker publisher (Aspire.Hosting.Docker, not served
/// here) does: one service per container, project and executable, in the model's order, after the dashboard; the
/// environment from the resources' callbacks evaluated in publish mode; ports from endpoints; <c>depends_on</c>
/// from <c>WaitFor</c>; one bridge network; named volumes. Nothing depends on the machine or the time, so
/// publishing again writes the same file.
/// </summary>
public static class DockerComposeFileBuilder
{
    public const string ProjectName = "evoting";
    public const string Network = "aspire";
    public const string RestartPolicy = "unless-stopped";

    public static async Task<ComposeFile> BuildAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken ct)
    {
        var file = new ComposeFile { Name = ProjectName };
        file.Services[AspireDashboardService.Name] = AspireDashboardService.Create(Network);
        foreach (var resource in model.Resources.Where(IsService))
            file.Services[ComposeValues.ServiceName(resource)] = await ServiceAsync(resource, executionContext, ct);
        file.Networks[Network] = new ComposeNetwork("bridge");
        foreach (var resource in model.Resources.Where(IsService))
        {
            foreach (var volume in NamedVolumes(resource))
                file.Volumes.TryAdd(volume, new ComposeVolume("local"));
        }
        return file;
    }

    /// <summary>What runs as a process in Aspire's model (parameters, databases and the like are not services).</summary>
    public static bool IsService(IResource resource) =>
        resource is ContainerResource or ProjectResource or ExecutableResource && !resource.IsExcludedFromPublish();

    private static async Task<ComposeService> ServiceAsync(IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken ct)
    {
        var service = new ComposeService { Restart = RestartPolicy };
        SetImage(resource, service);
        await AddEnvironmentAsync(resource, service, executionContext, ct);
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            var port = ComposeValues.InternalPort(endpoint).ToString(CultureInfo.InvariantCulture);
            // External endpoints are published on the host at their port; the others are reachable in the network only.
            if (endpoint.IsExternal)
                service.Ports.Add($"{endpoint.Port?.ToString(CultureInfo.InvariantCulture) ?? port}:{port}");
            else
                service.Expose.Add(port);
        }
        foreach (var mount in resource.Annotations.OfType<ContainerMountAnnotation>())
            service.Volumes.Add($"{mount.Source}:{mount.Target}{(mount.IsReadOnly ? ":ro" : "")}");
        foreach (var volume in resource.Annotations.OfType<ComposeVolumeAnnotation>())
            service.Volumes.Add(volume.ToString());
        AddDependencies(resource, service);
        service.Healthcheck = ComposeHealthChecks.For(resource);
        service.Networks.Add(Network);
        return service;
    }

    private static void SetImage(IResource resource, ComposeService service)
    {
        if (resource is ContainerResource && resource.TryGetContainerImageName(out var image))
        {
            service.Image = image;
            return;
        }
        var build = resource.Annotations.OfType<ComposeBuildAnnotation>().LastOrDefault()
            ?? throw new InvalidOperationException($"'{resource.Name}' has no Dockerfile for the compose file: give it WithComposeDockerfile(\"docker/Dockerfile.…\").");
        service.Image = build.Image;
        // The repository root (where the compose file is published) is the build context of every Dockerfile.
        service.Build = new ComposeBuild(".", build.Dockerfile);
    }

    private static async Task AddEnvironmentAsync(IResource resource, ComposeService service, DistributedApplicationExecutionContext executionContext, CancellationToken ct)
    {
        if (ExportsTelemetry(resource))
        {
            // As Aspire's Docker publisher does for the dashboard it adds.
            service.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = AspireDashboardService.OtlpEndpoint;
            service.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            service.Environment["OTEL_SERVICE_NAME"] = resource.Name;
        }
        if (resource is ProjectResource)
        {
            // The .NET images set ASPNETCORE_URLS to the first instance's port (docker/Dockerfile.validator: 8001),
            // and ASPNETCORE_URLS wins over the HTTP_PORTS Aspire sets: each service says its own.
            var urls = resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme is "http")
                .Select(e => "http://+:" + ComposeValues.InternalPort(e).ToString(CultureInfo.InvariantCulture));
            service.Environment["ASPNETCORE_URLS"] = string.Join(';', urls);
        }

        var variables = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(executionContext, resource, variables, ct);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
            await callback.Callback(context);
        foreach (var (name, value) in variables)
            service.Environment[name] = await ComposeValues.ResolveAsync(value, ct);
    }

    // The MariaDB image speaks no OTLP; every process of ours does (the frontend ignores it until it is instrumented).
    private static bool ExportsTelemetry(IResource resource) => resource is ProjectResource or ExecutableResource;

    private static void AddDependencies(IResource resource, ComposeService service)
    {
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            var target = ServiceOf(wait.Resource);
            // "Healthy" needs a health check to be true in compose; a service without one only starts.
            service.DependsOn[ComposeValues.ServiceName(target)] = wait.WaitType switch
            {
                WaitType.WaitForCompletion => ComposeDependency.CompletedSuccessfully,
                _ when ComposeHealthChecks.For(target) is not null => ComposeDependency.Healthy,
                _ => ComposeDependency.Started,
            };
        }
        if (ExportsTelemetry(resource))
            service.DependsOn[AspireDashboardService.Name] = ComposeDependency.Started;
    }

    /// <summary>The service a resource runs in: a database is its server's.</summary>
    private static IResource ServiceOf(IResource resource)
    {
        var current = resource;
        while (!IsService(current))
        {
            current = current is IResourceWithParent child ? child.Parent
                : throw new InvalidOperationException($"'{resource.Name}' is waited for but is not a compose service.");
        }
        return current;
    }

    private static IEnumerable<string> NamedVolumes(IResource resource) =>
        resource.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.Volume).Select(m => m.Source!)
            .Concat(resource.Annotations.OfType<ComposeVolumeAnnotation>().Where(v => !v.IsBindMount).Select(v => v.Source));
}
