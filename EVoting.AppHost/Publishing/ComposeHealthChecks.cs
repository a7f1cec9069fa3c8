using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using EVoting.AppHost.MariaDb;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// A service's health check, from the resource's health checks in Aspire's model. Aspire runs those from the AppHost;
/// in compose each container checks itself, with what its image has: curl in the .NET images, node in the
/// frontend's, MariaDB's own <c>healthcheck.sh</c>.
/// </summary>
public static class ComposeHealthChecks
{
    public static ComposeHealthcheck? For(IResource resource)
    {
        var keys = resource.Annotations.OfType<HealthCheckAnnotation>().Select(a => a.Key).ToList();
        if (keys.Count == 0)
            return null;
        if (resource is MariaDbContainerResource)
            return new(["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]);

        var (endpointName, path) = ParseHttpHealthCheckKey(resource, keys.Single());
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpointName);
        var url = $"{endpoint.UriScheme}://127.0.0.1:{ComposeValues.InternalPort(endpoint).ToString(CultureInfo.InvariantCulture)}{path}";
        return resource switch
        {
            ProjectResource => new(["CMD", "curl", "-fsS", url]),
            ExecutableResource { Command: "npm" or "node" } =>
                new(["CMD", "node", "-e", $"fetch('{url}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]),
            _ => throw new NotSupportedException($"No compose health check for '{resource.Name}' ({resource.GetType().Name})."),
        };
    }

    /// <summary>
    /// Aspire keeps no annotation with an HTTP health check's endpoint and path (the check itself is registered in
    /// the AppHost's services); <c>WithHttpHealthCheck</c> names it <c>{resource}_{endpoint}_{path}_{status}_check</c>,
    /// which is read back here.
    /// </summary>
    private static (string EndpointName, string Path) ParseHttpHealthCheckKey(IResource resource, string key)
    {
        var prefix = resource.Name + "_";
        const string suffix = "_check";
        if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal))
        {
            var middle = key[prefix.Length..^suffix.Length]; // rpc_/health_200
            var first = middle.IndexOf('_', StringComparison.Ordinal);
            var last = middle.LastIndexOf('_');
            if (first > 0 && last > first)
                return (middle[..first], middle[(first + 1)..last]);
        }
        throw new NotSupportedException($"Health check '{key}' of '{resource.Name}' is not an HTTP health check; the compose file cannot express it.");
    }
}
