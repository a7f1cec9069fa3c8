using EVoting.Tests.Hosting;

namespace EVoting.Tests.E2E;

/// <summary>
/// The whole EVoting system (MariaDB, bootnode, validators, API, frontend) from the AppHost's model under
/// DCP, on random ports, with the frontend's production build (<c>next build</c> when its sources changed,
/// then <c>next start</c>), the Aspire dashboard on, and a known official account from the admin-email /
/// admin-password parameters.
/// </summary>
public sealed class E2ESystem : IAsyncDisposable
{
    readonly TestSystem system;

    E2ESystem(TestSystem system) => this.system = system;

    public string FrontendUrl => system.GetEndpoint("frontend").ToString().TrimEnd('/');

    /// <summary>The operator's dashboard (on in this test, as in run mode), whose resource list links to the frontend.</summary>
    public string DashboardUrl => system.DashboardUrl!.ToString().TrimEnd('/');

    /// <summary>The login link the AppHost prints (browser token), relative to <see cref="DashboardUrl"/>.</summary>
    public string DashboardLoginPath => system.DashboardLoginUrl!.PathAndQuery;

    public static async Task<E2ESystem> StartAsync(string adminEmail, string adminPassword, ITestOutputHelper output, CancellationToken ct)
    {
        var system = await TestSystem.StartAsync(new TestSystemOptions
        {
            Without = [],
            Dashboard = true,
            BlockPeriodMs = 500,
            Parameters = new Dictionary<string, string> { ["admin-email"] = adminEmail, ["admin-password"] = adminPassword },
            // npm install and next build come first on a fresh machine.
            StartTimeout = TimeSpan.FromMinutes(12),
            OnLog = (resource, line) => Log(output, resource, line),
        }, ct);
        return new E2ESystem(system);
    }

    // The frontend's and the API's lines, and any other resource's errors: enough to see why a step failed.
    static void Log(ITestOutputHelper output, string resource, string text)
    {
        var relevant = resource.StartsWith("frontend", StringComparison.Ordinal) || resource == "api"
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

    public ValueTask DisposeAsync() => system.DisposeAsync();
}
