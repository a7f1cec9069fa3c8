namespace EVoting.AppHost.Hosting;

/// <summary>A resource did not become healthy; carries its state and the end of its log.</summary>
public sealed class DistributedApplicationException(string resourceName, ResourceSnapshot snapshot, string logTail)
    : Exception($"Resource '{resourceName}' is {DistributedApplication.Describe(snapshot)}. Last log lines:\n{logTail}")
{
    public string ResourceName { get; } = resourceName;
    public ResourceSnapshot Snapshot { get; } = snapshot;
}
