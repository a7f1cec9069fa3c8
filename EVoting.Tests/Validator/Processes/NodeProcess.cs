using System.Collections.Concurrent;
using System.Diagnostics;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// The bootnode or a validator of a <see cref="TestNetwork"/>: a real <c>dotnet X.dll</c> child process of
/// the test, with its output kept. Unlike a resource of the AppHost's model it takes the test's own genesis
/// and timings and can be killed and started at any moment (the P2P tests run part of a genesis's validators,
/// speak raw P2P to them with the test's keys, and start one more at the end). The system-level tests run on
/// the AppHost through Aspire.Hosting.Testing (Hosting/TestSystem.cs).
/// </summary>
internal sealed class NodeProcess(string name, string project, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private const int MaxLogLines = 20_000;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public string Name { get; } = name;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public IReadOnlyList<string> Log => _log.ToArray();

    public void Start()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException($"{Name} is already running");
        var dll = Path.Combine(BuildOutput.RepositoryRoot, project, "bin", BuildOutput.Configuration, BuildOutput.TargetFramework, project + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"build {project} first", dll);
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_NOLOGO"] = "1";
        // No exporter: the tests run without a collector (an inherited OTEL endpoint would point nowhere).
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Keep(string? line)
    {
        if (line is not null && _log.Count < MaxLogLines)
            _log.Enqueue(line);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
            return;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
