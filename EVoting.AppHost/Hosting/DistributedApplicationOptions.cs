namespace EVoting.AppHost.Hosting;

/// <summary>How a builder runs: the local run mode's defaults, or the testing harness's.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Command-line arguments (<c>--publisher manifest --output-path …</c>, configuration overrides).</summary>
    public string[] Args { get; init; } = [];

    /// <summary>Generated secrets and data. Default: <c>.state/</c> at the repository root.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Deletes the state folder when the application is disposed (tests).</summary>
    public bool DeleteStateDirectoryOnDispose { get; init; }

    /// <summary>Every endpoint on a free port instead of its declared one (tests).</summary>
    public bool RandomPorts { get; init; }

    /// <summary>ASPNETCORE_ENVIRONMENT of the services.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Configuration on top of appsettings, environment and arguments (e.g. <c>Parameters:x</c>).</summary>
    public IDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>Start only these resources (and what they depend on). Null: all.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }

    /// <summary>Do not start these resources.</summary>
    public IReadOnlyCollection<string> Without { get; init; } = [];

    public DashboardOptions Dashboard { get; init; } = new();

    /// <summary>Every line any resource writes (tests route it to their output).</summary>
    public Action<string, LogLine>? OnLog { get; init; }

    /// <summary>Print state changes on the console (run mode).</summary>
    public bool ReportToConsole { get; init; }
}

public sealed class DashboardOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>The dashboard UI (0: a free port).</summary>
    public int Port { get; init; } = 18888;

    /// <summary>The OTLP/HTTP receiver the services export to (0: a free port).</summary>
    public int OtlpPort { get; init; } = 18890;
}
