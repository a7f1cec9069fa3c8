using System.Reflection;
using EVoting.Chain;

namespace EVoting.Api.Extensions;

/// <summary>
/// The build writes the OpenAPI document (Microsoft.Extensions.ApiDescription.Server) by running
/// this program under its GetDocument.Insider tool. The endpoints' metadata needs every service
/// registered (a handler parameter is a service, or else it is read from the request), but the
/// build has no database, no chain and no secrets: it gets throwaway settings, and the API's
/// background services (migrations, outbox, chain audit) are not started.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static void UseThrowawaySettings(IHostApplicationBuilder builder)
    {
        var submitter = EthKey.Generate();
        var genesis = new Genesis
        {
            ChainId = 1, Timestamp = 0, Validators = [EthKey.Generate().Address], Submitters = [submitter.Address],
        };
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GENESIS_JSON"] = genesis.ToJson(),
            ["API_SUBMITTER_PRIVATE_KEY"] = submitter.ToHex(),
            ["JWT_SIGNING_KEY"] = "build-time-document-" + Guid.NewGuid(),
            ["DATA_PROTECTION_KEY"] = "build-time-document-" + Guid.NewGuid(),
            ["ConnectionStrings:evoting"] = "Server=127.0.0.1;Port=1;Database=none",
        });
    }

    public static void RemoveBackgroundServices(IServiceCollection services)
    {
        var own = typeof(BuildTimeDocument).Assembly;
        foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == own).ToList())
            services.Remove(d);
    }
}
