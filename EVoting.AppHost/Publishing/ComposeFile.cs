using YamlDotNet.Serialization;

namespace EVoting.AppHost.Publishing;

// The part of the compose specification the published file uses, in the order its keys are written
// (YamlDotNet writes properties in declaration order; null members and empty collections are left out).

public sealed class ComposeFile
{
    [YamlMember(Alias = "name")] public required string Name { get; init; }
    [YamlMember(Alias = "services")] public OrderedDictionary<string, ComposeService> Services { get; } = [];
    [YamlMember(Alias = "networks")] public OrderedDictionary<string, ComposeNetwork> Networks { get; } = [];
    [YamlMember(Alias = "volumes")] public OrderedDictionary<string, ComposeVolume> Volumes { get; } = [];
}

public sealed class ComposeService
{
    [YamlMember(Alias = "image")] public string? Image { get; set; }
    [YamlMember(Alias = "build")] public ComposeBuild? Build { get; set; }
    [YamlMember(Alias = "environment")] public OrderedDictionary<string, string> Environment { get; } = [];
    [YamlMember(Alias = "ports")] public List<string> Ports { get; } = [];
    [YamlMember(Alias = "expose")] public List<string> Expose { get; } = [];
    [YamlMember(Alias = "volumes")] public List<string> Volumes { get; } = [];
    [YamlMember(Alias = "depends_on")] public OrderedDictionary<string, ComposeDependency> DependsOn { get; } = [];
    [YamlMember(Alias = "healthcheck")] public ComposeHealthcheck? Healthcheck { get; set; }
    [YamlMember(Alias = "networks")] public List<string> Networks { get; } = [];
    [YamlMember(Alias = "restart")] public string? Restart { get; set; }
}

public sealed record ComposeBuild(
    [property: YamlMember(Alias = "context")] string Context,
    [property: YamlMember(Alias = "dockerfile")] string Dockerfile);

public sealed record ComposeDependency([property: YamlMember(Alias = "condition")] string Condition)
{
    public static readonly ComposeDependency Started = new("service_started");
    public static readonly ComposeDependency Healthy = new("service_healthy");
    public static readonly ComposeDependency CompletedSuccessfully = new("service_completed_successfully");
}

/// <summary>The same timing as the HEALTHCHECKs in docker/Dockerfile.*.</summary>
public sealed record ComposeHealthcheck([property: YamlMember(Alias = "test")] IReadOnlyList<string> Test)
{
    [YamlMember(Alias = "interval")] public string Interval { get; init; } = "10s";
    [YamlMember(Alias = "timeout")] public string Timeout { get; init; } = "5s";
    [YamlMember(Alias = "retries")] public int Retries { get; init; } = 6;
    [YamlMember(Alias = "start_period")] public string StartPeriod { get; init; } = "30s";
}

public sealed record ComposeNetwork([property: YamlMember(Alias = "driver")] string Driver);

public sealed record ComposeVolume([property: YamlMember(Alias = "driver")] string Driver);
