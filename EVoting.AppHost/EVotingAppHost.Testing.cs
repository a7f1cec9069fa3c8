using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.AppHost;

public static partial class EVotingAppHost
{
    /// <summary>
    /// The whole EVoting graph for an integration test, on free ports with a fresh state folder:
    /// <code>
    /// await using var app = await EVotingAppHost.CreateTestBuilder(new() { Without = ["frontend"] }).StartAsync(ct);
    /// using var api = app.CreateHttpClient("api");
    /// </code>
    /// </summary>
    public static DistributedApplicationBuilder CreateTestBuilder(EVotingTestOptions? options = null)
    {
        options ??= new EVotingTestOptions();
        var builder = DistributedApplicationTestingBuilder.Create(options);
        Declare(builder, options.ToEVotingOptions());
        return builder;
    }

    /// <summary>Resource names of the validators of a graph with <paramref name="count"/> of them.</summary>
    public static IReadOnlyList<string> ValidatorNames(int count = 3) =>
        Enumerable.Range(1, count).Select(i => $"validator-{i}").ToList();
}
