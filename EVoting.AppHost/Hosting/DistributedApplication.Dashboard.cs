using EVoting.AppHost.Dashboard;

namespace EVoting.AppHost.Hosting;

// The dashboard and its OTLP receiver start before any resource, so every service can export from its first span.
public sealed partial class DistributedApplication
{
    private DashboardServer? _dashboard;

    /// <summary>The dashboard's address (null when it is off).</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    /// <summary>Telemetry the services exported (null when the dashboard is off).</summary>
    public TelemetryStore? Telemetry => _dashboard?.Telemetry;

    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        var options = Options.Dashboard;
        if (!options.Enabled)
            return;
        int PortFor(int declared) => Options.RandomPorts || declared == 0 ? Ports.Next() : declared;
        var uiPort = PortFor(options.Port);
        var otlpPort = PortFor(options.OtlpPort);
        if (!Options.RandomPorts)
        {
            foreach (var (port, what) in new[] { (uiPort, "dashboard"), (otlpPort, "OTLP receiver") })
            {
                if (!PortAllocator.IsFree(port))
                    throw new InvalidOperationException($"Port {port} ({what}) is in use: stop whatever holds it (another AppHost?) or set Dashboard ports.");
            }
        }
        _dashboard = await DashboardServer.StartAsync(this, uiPort, otlpPort, cancellationToken);
        Run.OtlpEndpoint = _dashboard.OtlpEndpoint;
    }

    private async Task StopDashboardAsync()
    {
        if (_dashboard is not null)
            await _dashboard.DisposeAsync();
        _dashboard = null;
    }

    private void PrintBanner()
    {
        Console.WriteLine("EVoting AppHost");
        if (DashboardUrl is not null)
            Console.WriteLine($"  Dashboard:   {DashboardUrl}");
        if (Run.OtlpEndpoint is not null)
            Console.WriteLine($"  OTLP/HTTP:   {Run.OtlpEndpoint}");
        Console.WriteLine($"  State:       {StateDirectory}");
        Console.WriteLine("  Ctrl+C stops every resource.");
    }
}
