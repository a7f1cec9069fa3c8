using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// A service started as a real child process (`dotnet X.dll`) with its own environment and
/// captured output; <see cref="Kill"/> is SIGKILL (kill -9). A small launcher for the node tests
/// until the AppHost testing harness takes this role.
/// </summary>
internal sealed class ChildProcess(string name, string dll, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly List<string> _log = [];
    private Process? _process;

    public string Name { get; } = name;

    public Dictionary<string, string> Environment { get; } = new(environment);

    public bool IsRunning => _process is { HasExited: false };

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
                return _log.ToList();
        }
    }

    public void Start()
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} is already running");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        foreach (var (key, value) in Environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
        {
            _log.Add(line);
            if (_log.Count > 5000)
                _log.RemoveRange(0, 1000);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flushing.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The build output of a project of this repository, in the configuration the tests were built in.</summary>
    public static string ProjectDll(string project)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EVoting.sln")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException("repository root (EVoting.sln) not found above " + AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(dir.FullName, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first", path);
    }
}
