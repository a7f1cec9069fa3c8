using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.AppHost;

/// <summary>Tiny real processes for testing the app model: shell scripts and python's http.server.</summary>
internal static class TestApps
{
    public static DistributedApplicationTestingOptions Options(ITestOutputHelper output, IReadOnlyCollection<string>? only = null) => new()
    {
        Only = only,
        StartTimeout = TimeSpan.FromSeconds(60),
        OnLog = (resource, line) => Log(output, resource, line.Text),
    };

    /// <summary>An http server on its endpoint's port with a health check on "/".</summary>
    public static IResourceBuilder<ExecutableResource> AddHttpServer(this DistributedApplicationBuilder builder, string name, string preamble = "") =>
        builder.AddExecutable(name, "/bin/sh", Path.GetTempPath(), "-c", preamble + "exec python3 -m http.server \"$PORT\" --bind 127.0.0.1")
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck("/");

    public static IResourceBuilder<ExecutableResource> AddScript(this DistributedApplicationBuilder builder, string name, string script) =>
        builder.AddExecutable(name, "/bin/sh", Path.GetTempPath(), "-c", script);

    private static void Log(ITestOutputHelper output, string resource, string text)
    {
        try
        {
            output.WriteLine($"[{resource}] {text}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; a late line from a stopping process has nowhere to go.
        }
    }
}
