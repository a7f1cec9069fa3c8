using System.Diagnostics;
using EVoting.Chain;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.AppHost;

/// <summary>
/// The AppHost as an operator runs it (its built executable, run mode, DCP, the dashboard): SIGTERM stops
/// every resource, and when the AppHost is killed with SIGKILL, DCP tears the whole system down — no
/// process left, so no port held — within 30 s.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AppHostLifetimeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("SIGTERM")]
    public async Task Stopping_or_killing_the_AppHost_leaves_no_process_of_the_system_running(string signal)
    {
        var ct = TestContext.Current.CancellationToken;
        var state = Directory.CreateTempSubdirectory("evoting-lifetime-").FullName;
        using var appHost = StartAppHost(state);
        try
        {
            // Every resource of the model is up: the API answers through its proxy port, and the frontend's
            // server listens (killed while `next dev` is still starting, its server can be forked after DCP
            // has stopped npm, and outlive it: a race of the test's making, not of a running system).
            var apiPort = await WaitForApiAsync(appHost, ct);
            await WaitForFrontendServerAsync(appHost, ct);
            var system = SystemProcesses(appHost.Id);
            output.WriteLine($"api on {apiPort}; {system.Count} processes: {string.Join(", ", system.Select(p => $"{p} {ProcessTable.CommandLine(p)}"))}");
            Assert.Contains(system, p => ProcessTable.CommandLine(p).Contains("mariadbd", StringComparison.Ordinal));
            Assert.Contains(system, p => ProcessTable.CommandLine(p).Contains("EVoting.Validator", StringComparison.Ordinal));

            var sent = Stopwatch.StartNew();
            Process.Start("kill", [signal == "SIGKILL" ? "-9" : "-15", appHost.Id.ToString()]).WaitForExit();
            while (system.Any(ProcessTable.IsAlive) && sent.Elapsed < Deadline)
                await Task.Delay(250, ct);
            var left = system.Where(ProcessTable.IsAlive).Select(p => $"{p} {ProcessTable.CommandLine(p)}").ToList();
            output.WriteLine($"after {signal}: {left.Count} left after {sent.Elapsed.TotalSeconds:F1} s");
            Assert.True(left.Count == 0, $"still running {Deadline.TotalSeconds} s after {signal}: {string.Join("; ", left)}");
            Assert.False(ProcessTable.IsListening(apiPort), $"port {apiPort} still held");
        }
        finally
        {
            if (!appHost.HasExited)
                appHost.Kill(entireProcessTree: true);
            Directory.Delete(state, recursive: true);
        }
    }

    private Process StartAppHost(string state)
    {
        var exe = Path.Combine(BuildOutput.RepositoryRoot, "EVoting.AppHost", "bin", BuildOutput.Configuration, BuildOutput.TargetFramework, "EVoting.AppHost");
        var info = new ProcessStartInfo(exe,
        [
            $"--EVoting:StateDirectory={state}", "--EVoting:FrontendMode=dev", "--DcpPublisher:RandomizePorts=true",
        ])
        {
            WorkingDirectory = Path.GetDirectoryName(exe)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run mode as `dotnet run` has it from the launch profile, on free ports, with this test's secrets.
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["Parameters__submitter-key"] = EthKey.Generate().ToHex();
        for (var i = 1; i <= 3; i++)
            info.Environment[$"Parameters__validator-{i}-key"] = EthKey.Generate().ToHex();
        foreach (var secret in new[] { "jwt-signing-key", "data-protection-key", "admin-password", "mariadb-password" })
            info.Environment[$"Parameters__{secret}"] = "Test-" + Guid.NewGuid().ToString("N");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        try
        {
            if (line is not null)
                output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // the test has finished
        }
    }

    /// <summary>The API's proxy port, once its health answers (the AppHost logs no URLs of resources, so the proxy is found by its process).</summary>
    private static async Task<int> WaitForApiAsync(Process appHost, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (DateTime.UtcNow < deadline && !appHost.HasExited)
        {
            foreach (var port in ListeningPortsOf(SystemProcesses(appHost.Id)))
            {
                try
                {
                    var body = await http.GetStringAsync($"http://127.0.0.1:{port}/api/elections", ct);
                    if (body.StartsWith('['))
                        return port;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not the API, or not up yet
                }
            }
            await Task.Delay(2000, ct);
        }
        throw new TimeoutException("the API never answered");
    }

    private static async Task WaitForFrontendServerAsync(Process appHost, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline && !appHost.HasExited)
        {
            var servers = SystemProcesses(appHost.Id).Where(p => ProcessTable.CommandLine(p).StartsWith("next-server", StringComparison.Ordinal)).ToList();
            if (servers.Count > 0 && ListeningPortsOf(servers).Any())
                return;
            await Task.Delay(1000, ct);
        }
        throw new TimeoutException("the frontend's server never listened");
    }

    /// <summary>The AppHost's descendants and DCP's processes (DCP detaches, but monitors the AppHost by pid) with theirs.</summary>
    private static List<int> SystemProcesses(int appHost)
    {
        var all = ProcessTable.All();
        var roots = new HashSet<int> { appHost };
        foreach (var pid in all)
        {
            if (ProcessTable.CommandLine(pid).Contains($"--monitor {appHost}", StringComparison.Ordinal))
                roots.Add(pid);
        }
        var result = new HashSet<int>(roots);
        bool grew;
        do
        {
            grew = false;
            foreach (var pid in all)
            {
                if (!result.Contains(pid) && ProcessTable.ParentOf(pid) is { } parent && result.Contains(parent))
                    grew |= result.Add(pid);
            }
        } while (grew);
        result.Remove(appHost);
        return [.. result];
    }

    private static IEnumerable<int> ListeningPortsOf(IEnumerable<int> pids)
    {
        var inodes = new HashSet<string>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                        inodes.Add(target[8..^1]);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile
            }
        }
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 9 && f[3] == "0A" && inodes.Contains(f[9]))
                yield return Convert.ToInt32(f[1][(f[1].IndexOf(':') + 1)..], 16);
        }
    }
}
