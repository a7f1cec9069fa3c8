using EVoting.AppHost.Hosting;

namespace EVoting.AppHost;

public static partial class EVotingAppHost
{
    /// <summary>A test's extra environment per resource, applied after the graph is declared (so it wins).</summary>
    private static void ApplyEnvironmentOverrides(this DistributedApplicationBuilder builder, EVotingOptions options)
    {
        foreach (var (resourceName, variables) in options.Environment)
        {
            var resource = builder.GetResource(resourceName);
            foreach (var (name, value) in variables)
                builder.CreateResourceBuilder(resource).WithEnvironment(name, value);
        }
    }
}
