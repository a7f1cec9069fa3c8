namespace EVoting.AppHost.Hosting;

/// <summary>Lifecycle of a resource, with Aspire's state names.</summary>
public enum ResourceState
{
    NotStarted,
    /// <summary>Waiting for the resources it <c>WaitFor</c>s to be healthy.</summary>
    Waiting,
    Starting,
    Running,
    Exited,
    FailedToStart,
}

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>What the dashboard and the harness see of one resource at one moment.</summary>
public sealed record ResourceSnapshot(
    ResourceState State,
    ResourceHealth Health,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null,
    int? ExitCode = null,
    int? ProcessId = null,
    string? Message = null)
{
    public static readonly ResourceSnapshot Initial = new(ResourceState.NotStarted, ResourceHealth.Unknown);

    public bool IsHealthy => State == ResourceState.Running && Health == ResourceHealth.Healthy;

    /// <summary>A state it does not leave by itself (it needs a start).</summary>
    public bool IsTerminal => State is ResourceState.Exited or ResourceState.FailedToStart;
}
