using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVoting.AppHost;
using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.AppHost;

/// <summary>The harness with the real bootnode and validators: selection, kill -9 and restart, nothing left after dispose.</summary>
[Trait("Category", "Integration")]
public sealed class ChainHarnessTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> BlockNumberAsync(DistributedApplication app, string validator)
    {
        using var rpc = app.CreateHttpClient(validator, "rpc");
        using var response = await rpc.PostAsJsonAsync("/rpc", new { jsonrpc = "2.0", method = "eth_blockNumber", @params = Array.Empty<object>(), id = 1 }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        return body!["result"]!.GetValue<string>();
    }

    [Fact]
    public async Task Bootnode_and_validators_start_alone_survive_a_kill_and_restart_and_leave_nothing_behind()
    {
        var builder = EVotingAppHost.CreateTestBuilder(new EVotingTestOptions
        {
            Only = ["bootnode", .. EVotingAppHost.ValidatorNames()],
            BlockPeriodMs = 500,
            OnLog = TestApps.Options(output).OnLog,
        });
        var app = await builder.StartAsync(Ct);
        Assert.Equal(["bootnode", "validator-1", "validator-2", "validator-3"],
            app.Runners.Where(r => r.Resource is ProcessResource).Select(r => r.Resource.Name));
        foreach (var validator in EVotingAppHost.ValidatorNames())
            Assert.StartsWith("0x", await BlockNumberAsync(app, validator));

        var killedPid = app.GetResourceState("validator-2").ProcessId!.Value;
        var rpcPort = app.GetEndpoint("validator-2", "rpc").Port;
        await app.StopResourceAsync("validator-2", kill: true);
        Assert.False(ProcessTable.IsAlive(killedPid));
        Assert.False(ProcessTable.IsListening(rpcPort));
        Assert.StartsWith("0x", await BlockNumberAsync(app, "validator-1"));

        await app.StartResourceAsync("validator-2");
        await app.WaitForResourceHealthyAsync("validator-2", Ct);
        Assert.Equal(rpcPort, app.GetEndpoint("validator-2", "rpc").Port);
        Assert.StartsWith("0x", await BlockNumberAsync(app, "validator-2"));
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(app.StateDirectory, "validator-2", "data")));

        var pids = app.Runners.Where(r => r.Resource is ProcessResource).Select(r => r.Snapshot.ProcessId!.Value).ToList();
        var ports = app.Resources.SelectMany(r => r.Endpoints).Where(e => e.AllocatedPort is not null && app.Runners.Any(r => r.Resource.Endpoints.Contains(e)))
            .Select(e => e.AllocatedPort!.Value).ToList();
        await app.DisposeAsync();

        Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"pid {pid} is still alive"));
        Assert.All(pids, pid => Assert.Empty(ProcessTable.GroupMembers(pid)));
        Assert.All(ports, port => Assert.False(ProcessTable.IsListening(port), $"port {port} still listens"));
    }
}
