using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Testing;

/// <summary>How a test starts an application: random ports and a fresh state folder unless told otherwise.</summary>
public class DistributedApplicationTestingOptions
{
    /// <summary>Start only these resources (and what they depend on). Null: all.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }

    /// <summary>Do not start these resources.</summary>
    public IReadOnlyCollection<string> Without { get; init; } = [];

    /// <summary>Parameter values (<c>Parameters:&lt;name&gt;</c>), e.g. a known validator key.</summary>
    public IDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Any other configuration.</summary>
    public IDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>A state folder to use (and keep). Null: a fresh temp folder, deleted on dispose.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Run the dashboard and its OTLP receiver (on free ports) so services export telemetry to it.</summary>
    public bool Dashboard { get; init; }

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>How long StartAsync waits for every resource to be healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Every line any resource writes, e.g. to ITestOutputHelper.</summary>
    public Action<string, LogLine>? OnLog { get; init; }

    internal DistributedApplicationOptions ToApplicationOptions()
    {
        var configuration = new Dictionary<string, string?>(Configuration);
        foreach (var (name, value) in Parameters)
            configuration["Parameters:" + name] = value;
        var stateDirectory = StateDirectory ?? Path.Combine(Path.GetTempPath(), "evoting-apphost-" + Guid.NewGuid().ToString("N")[..12]);
        return new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            DeleteStateDirectoryOnDispose = StateDirectory is null,
            RandomPorts = true,
            EnvironmentName = EnvironmentName,
            Configuration = configuration,
            Only = Only,
            Without = Without,
            Dashboard = new DashboardOptions { Enabled = Dashboard, Port = 0, OtlpPort = 0 },
            OnLog = OnLog,
        };
    }
}
