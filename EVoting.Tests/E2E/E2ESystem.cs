using EVoting.AppHost;
using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.E2E;

/// <summary>
/// The whole EVoting system (MariaDB, bootnode, validators, API, frontend) started by the AppHost
/// harness on free ports, with the frontend built for production (<c>npm run build</c> then
/// <c>npm run start</c>) and a known official account from the admin-email / admin-password parameters.
/// </summary>
public sealed class E2ESystem : IAsyncDisposable
{
    readonly DistributedApplication app;

    E2ESystem(DistributedApplication app) => this.app = app;

    public string FrontendUrl => app.GetEndpoint("frontend").ToString().TrimEnd('/');

    /// <summary>The operator's dashboard (on in this test, as in run mode), whose resource list links to the frontend.</summary>
    public string DashboardUrl => app.DashboardUrl!.ToString().TrimEnd('/');

    public static async Task<E2ESystem> StartAsync(string adminEmail, string adminPassword, ITestOutputHelper output, CancellationToken ct)
    {
        var options = new EVotingTestOptions
        {
            FrontendProduction = true,
            Dashboard = true,
            BlockPeriodMs = 500,
            // npm install and next build come first on a fresh machine.
            StartTimeout = TimeSpan.FromMinutes(12),
            OnLog = (resource, line) => Log(output, resource, line.Text),
        };
        options.Parameters["admin-email"] = adminEmail;
        options.Parameters["admin-password"] = adminPassword;
        var app = await EVotingAppHost.CreateTestBuilder(options).StartAsync(ct);
        return new E2ESystem(app);
    }

    // The frontend's and the API's lines, and any other resource's errors: enough to see why a step failed.
    static void Log(ITestOutputHelper output, string resource, string text)
    {
        var relevant = resource is "frontend" or "api"
            || text.Contains("error", StringComparison.OrdinalIgnoreCase)
            || text.Contains("exception", StringComparison.OrdinalIgnoreCase);
        if (!relevant) return;
        try
        {
            output.WriteLine($"[{resource}] {text}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; a late line from a stopping process has nowhere to go.
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
