namespace EVoting.AppHost.Hosting;

// What tests (and the dashboard) do with a running application, with Aspire.Hosting.Testing's names.
public sealed partial class DistributedApplication
{
    public ResourceRunner GetRunner(string resourceName) =>
        _runners.TryGetValue(resourceName, out var runner)
            ? runner
            : throw new KeyNotFoundException(_builder.Resources.Any(r => r.Name == resourceName)
                ? $"Resource '{resourceName}' is declared but was not selected to start."
                : $"No resource named '{resourceName}'.");

    public Resource GetResource(string resourceName) => _builder.GetResource(resourceName);

    public ResourceSnapshot GetResourceState(string resourceName) => GetRunner(resourceName).Snapshot;

    /// <summary>The URL of a resource's endpoint, e.g. <c>GetEndpoint("validator-2", "rpc")</c>.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = "http") =>
        GetResource(resourceName).GetEndpoint(endpointName).Url;

    /// <summary>An HttpClient whose BaseAddress is the resource's endpoint.</summary>
    public HttpClient CreateHttpClient(string resourceName, string endpointName = "http") =>
        new() { BaseAddress = GetEndpoint(resourceName, endpointName), Timeout = TimeSpan.FromSeconds(30) };

    public string GetConnectionString(string resourceName) =>
        GetResource(resourceName) is IResourceWithConnectionString r
            ? r.ConnectionStringExpression.Resolve(Run)
            : throw new InvalidOperationException($"'{resourceName}' has no connection string.");

    public string GetParameterValue(string parameterName) =>
        GetResource(parameterName) is ParameterResource p
            ? Run.Parameters.GetValue(p)
            : throw new InvalidOperationException($"'{parameterName}' is not a parameter.");

    public IReadOnlyList<string> GetResourceLogs(string resourceName) => GetRunner(resourceName).Logs.Lines();

    /// <summary>Waits until the resource is Running and Healthy; throws (with its log's tail) if it exits or fails first.</summary>
    public async Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var runner = GetRunner(resourceName);
        var snapshot = await runner.WaitForAsync(s => s.IsHealthy || s.IsTerminal, cancellationToken);
        if (!snapshot.IsHealthy)
            throw new DistributedApplicationException(resourceName, snapshot, runner.Logs.Tail(40));
    }

    public Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, ResourceState state, CancellationToken cancellationToken = default) =>
        GetRunner(resourceName).WaitForAsync(s => s.State == state, cancellationToken);

    /// <summary>Stops one resource: gracefully (SIGTERM, then SIGKILL after its grace period), or <paramref name="kill"/> -9 at once.</summary>
    public Task StopResourceAsync(string resourceName, bool kill = false) => GetRunner(resourceName).StopAsync(kill);

    /// <summary>Starts a stopped resource again with the same ports, environment and state folder.</summary>
    public Task StartResourceAsync(string resourceName)
    {
        GetRunner(resourceName).Start();
        return Task.CompletedTask;
    }

    public async Task RestartResourceAsync(string resourceName)
    {
        await StopResourceAsync(resourceName);
        await StartResourceAsync(resourceName);
    }

    private async Task WaitForDependencyAsync(Resource dependency, CancellationToken cancellationToken)
    {
        var runner = GetRunner(dependency.Name);
        var snapshot = await runner.WaitForAsync(s => s.IsHealthy || s.IsTerminal, cancellationToken);
        if (!snapshot.IsHealthy)
            throw new InvalidOperationException($"dependency '{dependency.Name}' is {Describe(snapshot)}");
    }
}
