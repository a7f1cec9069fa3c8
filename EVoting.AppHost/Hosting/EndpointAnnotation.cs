namespace EVoting.AppHost.Hosting;

/// <summary>
/// A named network endpoint of a resource. In run mode there is no proxy: the process itself listens
/// on <see cref="AllocatedPort"/> (the declared port, or a free one when the builder uses random ports).
/// </summary>
public sealed class EndpointAnnotation(string name, string scheme, int? port, int? targetPort, string? portEnvironmentVariable)
{
    public string Name { get; } = name;

    /// <summary>"http" or "tcp".</summary>
    public string Scheme { get; } = scheme;

    /// <summary>The port declared in the app model (the default local port, the published host port).</summary>
    public int? Port { get; } = port;

    /// <summary>The port the service listens on inside a container (compose, manifest).</summary>
    public int? TargetPort { get; } = targetPort ?? port;

    /// <summary>An environment variable that tells the process which port to listen on (e.g. RPC_PORT).</summary>
    public string? PortEnvironmentVariable { get; } = portEnvironmentVariable;

    public bool IsExternal { get; set; }

    public int? AllocatedPort { get; internal set; }

    public const string Host = "127.0.0.1";

    public int RequirePort(string resourceName) =>
        AllocatedPort ?? throw new InvalidOperationException($"Endpoint '{Name}' of '{resourceName}' has no port yet (the application is not built).");
}
