namespace EVoting.AppHost.Hosting;

/// <summary>
/// One node of the app model: a name plus what Aspire keeps as annotations (endpoints, environment,
/// arguments, WaitFor, health check, references).
/// </summary>
public abstract class Resource(string name)
{
    public string Name { get; } = ResourceNames.Validate(name);

    /// <summary>The type shown in the dashboard ("Project", "Executable", "Container", "Parameter", …).</summary>
    public abstract string DisplayType { get; }

    public List<EndpointAnnotation> Endpoints { get; } = [];
    public List<EnvironmentEntry> Environment { get; } = [];
    public List<ValueExpression> Args { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Resources this one references (service discovery, connection strings).</summary>
    public List<Resource> References { get; } = [];

    public HttpHealthCheck? HealthCheck { get; set; }

    /// <summary>Volumes and bind mounts for the published (container) form; a local run uses the state folder.</summary>
    public List<VolumeAnnotation> Volumes { get; } = [];

    /// <summary>Everything this resource needs to exist before it can run.</summary>
    public virtual IEnumerable<Resource> Dependencies =>
        WaitsFor.Concat(References)
            .Concat(Environment.SelectMany(e => e.Value.Resources))
            .Concat(Args.SelectMany(a => a.Resources))
            .Where(r => r != this)
            .Distinct();

    public EndpointReference GetEndpoint(string name) => new(this, name);

    /// <summary>
    /// For a resource that is not a process (a parameter, a database): the work that makes it ready once
    /// its dependencies are healthy. It is then Running and Healthy.
    /// </summary>
    public virtual Task ActivateAsync(RunContext run, CancellationToken cancellationToken) => Task.CompletedTask;

    public override string ToString() => Name;
}

public sealed record EnvironmentEntry(string Name, ValueExpression Value);

/// <summary>A named volume (<paramref name="Source"/> is its name) or a bind mount of a path relative to the compose file.</summary>
public sealed record VolumeAnnotation(string Source, string Target, bool IsBindMount, bool IsReadOnly);

/// <summary>GET <see cref="Path"/> on the named http endpoint answers 2xx when the resource is healthy.</summary>
public sealed record HttpHealthCheck(string Path, string EndpointName);

/// <summary>A resource that other resources reach over the network (service discovery).</summary>
public interface IResourceWithEndpoints
{
    string Name { get; }
    List<EndpointAnnotation> Endpoints { get; }
}

public interface IResourceWithConnectionString
{
    string Name { get; }
    ValueExpression ConnectionStringExpression { get; }
}

public static class ResourceNames
{
    /// <summary>Aspire's rule: letters, digits and hyphens, starting with a letter.</summary>
    public static string Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') || name.Contains("--", StringComparison.Ordinal))
            throw new ArgumentException($"Resource name '{name}' is invalid: use ASCII letters, digits and single hyphens, starting with a letter.", nameof(name));
        return name;
    }
}
