using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Testing;

/// <summary>
/// The role of Aspire.Hosting.Testing: a builder for tests (free ports, a fresh state folder), and
/// <c>StartAsync</c>, which returns once every selected resource is healthy.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static DistributedApplicationBuilder Create(DistributedApplicationTestingOptions? options = null)
    {
        options ??= new DistributedApplicationTestingOptions();
        var builder = new DistributedApplicationBuilder(options.ToApplicationOptions());
        builder.TestingOptions = options;
        return builder;
    }

    /// <summary>
    /// Builds and starts the application and waits until every selected resource is healthy. On failure
    /// (or timeout) it stops everything and throws with the failing resource's log.
    /// </summary>
    public static async Task<DistributedApplication> StartAsync(this DistributedApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var timeout = builder.TestingOptions?.StartTimeout ?? TimeSpan.FromMinutes(3);
        var app = builder.Build();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await app.StartAsync(deadline.Token);
            try
            {
                await app.WaitForAllHealthyAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var notHealthy = app.Runners.Where(r => !r.Snapshot.IsHealthy)
                    .Select(r => $"{r.Resource.Name}: {DistributedApplication.Describe(r.Snapshot)}\n{r.Logs.Tail(20)}");
                throw new TimeoutException($"Not every resource was healthy within {timeout}:\n" + string.Join("\n", notHealthy));
            }
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
