using EVoting.Tests.Api;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.AppHost;

/// <summary>
/// Everything but the frontend, from Program.cs's model, with the Aspire dashboard on (it receives every
/// service's telemetry): MariaDB, bootnode, three validators and the API as real processes under DCP.
/// </summary>
public sealed class VotingSystem : ApiSystem
{
    protected override TestSystemOptions CreateOptions() => new() { Dashboard = true };
}
