using System.Collections.Concurrent;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EVoting.AppHost;
using EVoting.Chain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EVoting.Tests.Hosting;

/// <summary>
/// The AppHost's own model (Program.cs) started through Aspire.Hosting.Testing: DCP runs every resource as in
/// <c>dotnet run</c>, on random ports, with fresh keys and secrets, its own state folder, and the test's
/// <see cref="TestSystemOptions"/>. Disposal stops everything and deletes the state folder.
/// </summary>
public sealed class TestSystem : IAsyncDisposable
{
    private const int MaxLogLines = 50_000;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Dictionary<string, string> _parameters;
    private DistributedApplication? _app;

    private TestSystem(string stateDirectory, Dictionary<string, string> parameters)
    {
        StateDirectory = stateDirectory;
        _parameters = parameters;
    }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("not started");

    public string StateDirectory { get; }

    public Uri? DashboardUrl { get; private set; }

    public string? DashboardApiKey { get; private set; }

    /// <summary>The dashboard's browser-token login URL, as the AppHost prints it at start.</summary>
    public Uri? DashboardLoginUrl { get; private set; }

    /// <summary>Every resource's output, "[resource] line", oldest first (the newest <see cref="MaxLogLines"/>).</summary>
    public IEnumerable<string> Log => _log;

    public string GenesisPath => Path.Combine(StateDirectory, GenesisFile.FileName);

    public Genesis Genesis => Genesis.LoadFile(GenesisPath);

    public static async Task<TestSystem> StartAsync(TestSystemOptions options, CancellationToken ct)
    {
        var state = Directory.CreateTempSubdirectory("evoting-test-").FullName;
        var parameters = FreshSecrets(options.Validators);
        foreach (var (name, value) in options.Parameters)
            parameters[name] = value;
        var system = new TestSystem(state, parameters);
        try
        {
            await system.StartCoreAsync(options, ct);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(TestSystemOptions options, CancellationToken ct)
    {
        var args = new List<string>
        {
            $"--EVoting:StateDirectory={StateDirectory}",
            $"--EVoting:Validators={options.Validators}",
        };
        if (options.BlockPeriodMs is { } period)
            args.Add($"--EVoting:BlockPeriodMs={period}");
        if (options.MaxTxsPerBlock is { } maxTxs)
            args.Add($"--EVoting:MaxTxsPerBlock={maxTxs}");
        if (options.RoundTimeoutMs is { } roundTimeout)
            args.Add($"--EVoting:RoundTimeoutMs={roundTimeout}");
        args.AddRange(_parameters.Select(p => $"--Parameters:{p.Key}={p.Value}"));
        if (options.Dashboard)
        {
            DashboardApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            args.AddRange(
            [
                // Random ports as for the resources (DcpPublisher:RandomizePorts also moves these); read back below.
                $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort.Next()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
                $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                $"--AppHost:DashboardApiKey={DashboardApiKey}",
            ]);
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EVoting_AppHost>(
            [.. args], (app, _) => app.DisableDashboard = !options.Dashboard, ct);
        foreach (var resource in builder.Resources.Where(r => r is not ParameterResource && options.Without.Any(w => r.Name == w || r.Name.StartsWith(w + "-", StringComparison.Ordinal))).ToList())
            builder.Resources.Remove(resource);
        if (!options.Dashboard)
        {
            // Nothing receives telemetry without the dashboard, and an OTLP exporter aimed at a closed port holds a
            // service's shutdown ~10 s while it retries its last batch: past the time Aspire's stop command waits.
            foreach (var project in builder.Resources.OfType<ProjectResource>())
                builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }
        foreach (var (name, variables) in options.Environment)
        {
            var resource = builder.Resources.OfType<IResourceWithEnvironment>().Single(r => r.Name == name);
            var resourceBuilder = builder.CreateResourceBuilder(resource);
            foreach (var (key, value) in variables)
                resourceBuilder.WithEnvironment(key, value);
        }
        foreach (var name in options.ExplicitStart)
            builder.CreateResourceBuilder(builder.Resources.Single(r => r.Name == name)).WithExplicitStart();
        // Every resource that serves something (not the build steps, not Aspire's own project rebuilders).
        var waitFor = builder.Resources.Where(r => r is ProjectResource or ExecutableResource or ContainerResource && r.Annotations.OfType<EndpointAnnotation>().Any())
            .Select(r => r.Name).Except(options.ExplicitStart).ToList();

        builder.Services.AddLogging(logging => logging.AddProvider(new ForwardingLoggerProvider((source, line) =>
        {
            Keep($"[{source}] {line}");
            options.OnLog?.Invoke(source, line);
        })));
        _app = await builder.BuildAsync(ct);
        WatchStates();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            await _app.StartAsync(timeout.Token);
            foreach (var name in waitFor)
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            if (options.Dashboard)
            {
                var login = await _app.GetDashboardUrlAsync(timeout.Token) ?? throw new InvalidOperationException("the dashboard has no URL");
                DashboardUrl = new Uri(login.GetLeftPart(UriPartial.Authority));
                DashboardLoginUrl = login;
                Assert.Contains("/login?t=", login.PathAndQuery);
                await WaitForDashboardAsync(DashboardUrl, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The system was not healthy within {options.StartTimeout}. Last lines:\n{string.Join('\n', _log.TakeLast(60))}");
        }
    }

    /// <summary>The dashboard is not a resource a test can wait for: it is ready when its API answers.</summary>
    private async Task WaitForDashboardAsync(Uri dashboard, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/resources");
                request.Headers.Add("x-api-key", DashboardApiKey);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // not listening yet
            }
            await Task.Delay(500, ct);
        }
    }

    /// <summary>New keys and secrets for each test system: nothing is read from or written to the machine's persisted parameters.</summary>
    private static Dictionary<string, string> FreshSecrets(int validators)
    {
        static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var parameters = new Dictionary<string, string>
        {
            ["submitter-key"] = EthKey.Generate().ToHex(),
            ["jwt-signing-key"] = Secret(),
            ["data-protection-key"] = Secret(),
            ["admin-password"] = "Admin-" + Secret()[..16],
            ["mariadb-password"] = Secret(),
        };
        for (var i = 1; i <= validators; i++)
            parameters[$"validator-{i}-key"] = EthKey.Generate().ToHex();
        return parameters;
    }

    private void WatchStates()
    {
        // Resource states too: a start that stalls says where.
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in App.ResourceNotifications.WatchAsync(_stopWatching.Token))
                {
                    Keep($"[{e.Resource.Name}] state: {e.Snapshot.State?.Text} health: {e.Snapshot.HealthStatus?.ToString() ?? "-"}");
                }
            }
            catch (OperationCanceledException)
            {
                // the system is stopping
            }
        });
    }

    /// <summary>The newest lines win: a long test still has its last minutes.</summary>
    private void Keep(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>One resource's output lines (each "N: timestamp text", as Aspire numbers them).</summary>
    public IEnumerable<string> LogOf(string resource) =>
        _log.Where(l => l.StartsWith($"[{resource}] ", StringComparison.Ordinal)).Select(l => l[(resource.Length + 3)..]);

    public string GetParameterValue(string name) => _parameters.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"parameter '{name}' was not set by the test");

    public Uri GetEndpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    public HttpClient CreateHttpClient(string resource, string? endpoint = null) => App.CreateHttpClient(resource, endpoint);

    public async Task<string> GetConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"no connection string for {resource}");

    /// <summary>Aspire's stop command (DCP signals the resource to shut down gracefully); returns once it has stopped.</summary>
    public async Task StopResourceAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, ct);
        Assert.True(result.Success, $"stop {name}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, ct);
        Assert.Null(ServiceProcessOf(name));
    }

    /// <summary>SIGKILL to the resource's own process (not DCP's <c>dotnet run</c> wrapper): no shutdown, no flushing. DCP sees it exit.</summary>
    public async Task KillResourceAsync(string name)
    {
        var pid = ServiceProcessOf(name) ?? throw new InvalidOperationException($"no process of {name} found");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await App.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, bound.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"DCP did not see {name} exit within 60 s of SIGKILL");
        }
    }

    /// <summary>
    /// The process of a project resource of this system: the one whose environment names this system's
    /// genesis file and the resource as its service. (DCP allocates the port it listens on inside DCP, so the
    /// model cannot say; the genesis path is unique to each test system.)
    /// </summary>
    public int? ServiceProcessOf(string name)
    {
        var wanted = new[] { $"GENESIS_PATH={GenesisPath}", $"OTEL_SERVICE_NAME={name}" };
        foreach (var pid in ProcessTable.All())
        {
            if (ProcessTable.CommandLine(pid).Contains("dotnet run ", StringComparison.Ordinal))
                continue;
            var environment = ProcessTable.Environment(pid);
            if (wanted.All(environment.Contains))
                return pid;
        }
        return null;
    }

    /// <summary>
    /// Aspire's start command; returns once the resource is healthy again (at most 2 minutes). A start right after
    /// the process ended can be followed by the old instance's "Finished" while the new one comes up (seen once in
    /// CI: Starting, Finished, then the new instance), so the wait does not give up on a terminal state.
    /// </summary>
    public async Task StartResourceAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, ct);
        Assert.True(result.Success, $"start {name}: {result.Message}");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, bound.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"{name} was not healthy within 2 minutes of Aspire's start command. Its last lines:\n{string.Join('\n', LogOf(name).TakeLast(40))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _stopWatching.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a process still closing a file; the folder is under /tmp
        }
    }
}
