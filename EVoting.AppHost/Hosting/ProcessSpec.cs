namespace EVoting.AppHost.Hosting;

/// <summary>A concrete command line for one run of a resource.</summary>
public sealed record ProcessSpec(
    string Command,
    IReadOnlyList<string> Args,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>How long a graceful stop (SIGTERM) may take before the process group is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
