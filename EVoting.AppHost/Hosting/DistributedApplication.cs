using System.Runtime.InteropServices;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// The built application: runs the selected resources as child processes (run mode), or writes the
/// publishers' files (publish mode). It is also what the test harness controls.
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly Dictionary<string, ResourceRunner> _runners;
    private readonly HttpClient _probeClient = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Lock _gate = new();
    private bool _started;
    private bool _disposed;

    internal DistributedApplication(DistributedApplicationBuilder builder, IReadOnlyList<Resource> toStart, PortAllocator ports)
    {
        _builder = builder;
        Ports = ports;
        Run = new RunContext(builder.Configuration, new ParameterStore(builder.Configuration, builder.StateDirectory),
            builder.StateDirectory, builder.RepositoryRoot, RepositoryLayout.BuildConfiguration, builder.Options.EnvironmentName);
        _runners = toStart.ToDictionary(r => r.Name, r => CreateRunner(r));
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(new DistributedApplicationOptions { Args = args, ReportToConsole = true });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new(options);

    public RunContext Run { get; }
    internal PortAllocator Ports { get; }
    public DistributedApplicationExecutionContext ExecutionContext => _builder.ExecutionContext;
    public DistributedApplicationOptions Options => _builder.Options;

    /// <summary>Every declared resource (started or not), in declaration order.</summary>
    public IReadOnlyList<Resource> Resources => _builder.Resources;

    /// <summary>The runners of the resources this application starts, in declaration order.</summary>
    public IReadOnlyList<ResourceRunner> Runners => _builder.Resources.Where(r => _runners.ContainsKey(r.Name)).Select(r => _runners[r.Name]).ToList();

    public string StateDirectory => Run.StateDirectory;

    /// <summary>Starts every selected resource; each waits for its dependencies by itself.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            if (_started)
                return;
            _started = true;
        }
        CheckFixedPortsAreFree();
        Directory.CreateDirectory(StateDirectory);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        await StartDashboardAsync(cancellationToken);
        if (Options.ReportToConsole)
            PrintBanner();
        foreach (var runner in Runners)
            runner.Start();
    }

    /// <summary>Waits until every started resource is healthy; fails with the first one that cannot start.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(Runners.Select(r => WaitForResourceHealthyAsync(r.Resource.Name, cancellationToken)));
    }

    /// <summary>Stops every resource (SIGTERM, then SIGKILL after each one's grace period).</summary>
    public async Task StopAsync(bool kill = false)
    {
        await Task.WhenAll(Runners.Select(r => r.StopAsync(kill)));
        await StopDashboardAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await StopAsync();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _probeClient.Dispose();
        if (Options.DeleteStateDirectoryOnDispose && Directory.Exists(StateDirectory))
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still being closed by a process that just died; the folder is in temp anyway.
            }
        }
    }

    /// <summary>Run mode: start, report, and wait for Ctrl+C (or SIGTERM), then stop everything.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (ExecutionContext.IsPublishMode)
            return await Publishing.Publisher.PublishAsync(ExecutionContext.PublisherName!, ExecutionContext.OutputPath, Resources, _builder.RepositoryRoot, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("[apphost] Stopping every resource…");
        }
        finally
        {
            await DisposeAsync();
        }
        Console.WriteLine("[apphost] Stopped.");
        return 0;
    }

    private ResourceRunner CreateRunner(Resource resource)
    {
        var runner = new ResourceRunner(resource, Run, _probeClient, WaitForDependencyAsync);
        if (Options.OnLog is { } onLog)
            runner.Logs.LineAdded += line => onLog(resource.Name, line);
        // Parameters resolve instantly; their states would only be noise on the console.
        if (Options.ReportToConsole && resource is not ParameterResource)
            runner.StateChanged += (r, s) => Console.WriteLine($"[apphost] {r.Resource.Name,-12} {Describe(s)}");
        return runner;
    }

    internal static string Describe(ResourceSnapshot s) => s.State switch
    {
        ResourceState.Running => $"Running ({s.Health})",
        ResourceState.Exited => $"Exited (code {s.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})",
        ResourceState.FailedToStart => $"FailedToStart: {s.Message}",
        _ => s.State.ToString(),
    };

    private void CheckFixedPortsAreFree()
    {
        if (Options.RandomPorts)
            return;
        foreach (var runner in Runners)
        {
            foreach (var endpoint in runner.Resource.Endpoints.Where(e => e.Port is not null))
            {
                if (!PortAllocator.IsFree(endpoint.Port!.Value))
                    throw new InvalidOperationException(
                        $"Port {endpoint.Port} ({runner.Resource.Name} '{endpoint.Name}') is in use: stop whatever holds it (another AppHost?) and run again.");
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // Last resort when the host process ends without disposing: leave no child behind.
        StopAsync(kill: true).Wait(TimeSpan.FromSeconds(10));
    }
}
