using EVoting.AppHost.Hosting;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// The bootnode or a validator of a <see cref="TestNetwork"/>: a real `dotnet X.dll` child process,
/// started and stopped by the AppHost's <see cref="ChildProcess"/> (its own process group, so a kill
/// is SIGKILL to all of it) with its output in a <see cref="ResourceLogs"/>. Unlike a harness
/// resource it can be declared and started later (the P2P tests run part of a genesis's validators
/// and start one more at the end), and it takes the test's own genesis and timings.
/// </summary>
internal sealed class NodeProcess(string name, string project, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly ResourceLogs _logs = new();
    private ChildProcess? _process;

    public string Name { get; } = name;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public IReadOnlyList<string> Log => _logs.Lines();

    public void Start()
    {
        if (_process is { Exited.IsCompleted: false })
            throw new InvalidOperationException($"{Name} is already running");
        var dll = Path.Combine(RepositoryLayout.FindRoot(), project, "bin", RepositoryLayout.BuildConfiguration, ProjectResource.TargetFramework, project + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"build {project} first", dll);
        // No exporter: the tests run without a collector (an inherited OTEL endpoint would point nowhere).
        var env = new Dictionary<string, string>(Environment) { ["DOTNET_NOLOGO"] = "1", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" };
        _process = ChildProcess.Start(new ProcessSpec("dotnet", [dll], Path.GetDirectoryName(dll)!, env), _logs);
    }

    /// <summary>kill -9 of the process group: no shutdown hooks, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
            await process.StopAsync(kill: true, TimeSpan.Zero);
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
