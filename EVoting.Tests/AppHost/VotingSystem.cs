using EVoting.AppHost;
using EVoting.AppHost.Hosting;
using EVoting.Tests.Api;

namespace EVoting.Tests.AppHost;

/// <summary>
/// Everything but the frontend, from Program.cs's graph, with the dashboard's telemetry receiver on:
/// MariaDB, bootnode, three validators and the API as real processes.
/// </summary>
public sealed class VotingSystem : ApiSystem
{
    protected override EVotingTestOptions CreateOptions() => new() { Without = ["frontend"] };

    protected override DistributedApplicationBuilder CreateBuilder(EVotingTestOptions options) =>
        EVotingAppHost.CreateTestBuilder(new EVotingTestOptions
        {
            Without = options.Without,
            Validators = options.Validators,
            BlockPeriodMs = options.BlockPeriodMs,
            StartTimeout = options.StartTimeout,
            OnLog = options.OnLog,
            Dashboard = true,
        });
}
