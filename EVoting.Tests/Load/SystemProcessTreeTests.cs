using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EVoting.Cli.Load;

namespace EVoting.Tests.Load;

/// <summary>
/// `evoting load --processes` counts only the system behind --api: the process listening on its
/// port, that process's parent and everything below it (checked on this machine's real /proc).
/// </summary>
public sealed class SystemProcessTreeTests
{
    [Fact]
    public void The_tree_of_a_listening_process_holds_its_parent_and_children_and_not_the_rest_of_the_machine()
    {
        Assert.SkipUnless(ProcessSampler.Supported, "needs Linux /proc");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var child = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            var tree = SystemProcessTree.ForApi(new Uri($"http://127.0.0.1:{port}/"));

            Assert.NotNull(tree);
            Assert.NotEqual(Environment.ProcessId, tree.RootPid); // the parent of the process serving the port
            Assert.True(tree.Contains(tree.RootPid));
            Assert.True(tree.Contains(Environment.ProcessId));
            Assert.True(tree.Contains(child.Id));
            Assert.False(tree.Contains(1));
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void No_tree_is_found_for_a_port_nothing_listens_on()
    {
        Assert.SkipUnless(ProcessSampler.Supported, "needs Linux /proc");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        Assert.Null(SystemProcessTree.ForApi(new Uri($"http://127.0.0.1:{port}/")));
    }

    [Fact]
    public void The_process_a_DCP_root_monitors_is_part_of_the_system_and_npm_and_dashboard_processes_are_named()
    {
        Assert.SkipUnless(ProcessSampler.Supported, "needs Linux /proc");
        // A stand-in for DCP's "dcp start-apiserver --monitor <AppHost pid>": the command line is what is read.
        var dcp = new ProcessStartInfo("bash", ["-c", "sleep 30; true", "dcp", "--monitor", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var root = Process.Start(dcp)!;
        var frontendStart = new ProcessStartInfo("sleep", "30");
        frontendStart.Environment["npm_package_name"] = "evoting-frontend";
        using var frontend = Process.Start(frontendStart)!;
        using var dashboard = Process.Start(new ProcessStartInfo("bash", ["-c", "sleep 30; true", "Aspire.Dashboard"]))!;
        try
        {
            Assert.Equal(Environment.ProcessId, SystemProcessTree.MonitoredBy(root.Id));
            Assert.Null(SystemProcessTree.MonitoredBy(frontend.Id));

            var figures = new ProcessSampler().Take().Processes;
            Assert.Equal("frontend", figures[frontend.Id].Group);
            Assert.Equal("dashboard", figures[dashboard.Id].Group);
            Assert.False(figures.ContainsKey(root.Id)); // no service name, not mariadbd, not npm
        }
        finally
        {
            root.Kill();
            frontend.Kill();
            dashboard.Kill();
        }
    }

    [Fact]
    public void A_services_dotnet_run_launcher_is_its_own_row_beside_the_service()
    {
        Assert.SkipUnless(ProcessSampler.Supported, "needs Linux /proc");
        // Stand-ins: DCP's "dotnet run --project …" and the service it starts, both with the service's name.
        var launcherStart = new ProcessStartInfo("bash", ["-c", "sleep 30; true", "dotnet", "run", "--project", "EVoting.Api/EVoting.Api.csproj"]);
        launcherStart.Environment["OTEL_SERVICE_NAME"] = "api";
        var serviceStart = new ProcessStartInfo("sleep", "30");
        serviceStart.Environment["OTEL_SERVICE_NAME"] = "api";
        using var launcher = Process.Start(launcherStart)!;
        using var service = Process.Start(serviceStart)!;
        try
        {
            var figures = new ProcessSampler().Take().Processes;
            Assert.Equal("api" + ProcessSampler.LauncherSuffix, figures[launcher.Id].Group);
            Assert.Equal("api", figures[service.Id].Group);
        }
        finally
        {
            launcher.Kill();
            service.Kill();
        }
    }
}
