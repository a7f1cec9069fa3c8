using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Discovery;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Rpc;
using EVoting.Validator.Storage;
using Microsoft.Extensions.Options;

namespace EVoting.Validator;

public static class Extensions
{
    /// <summary>Registers the node: options from the environment, store, ballot rule, P2P, consensus, RPC, bootnode client, health.</summary>
    public static IHostApplicationBuilder AddValidatorNode(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeSettings>().BindConfiguration("").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NodeSettings>, NodeSettingsValidator>();
        builder.Services.AddSingleton(sp => NodeOptions.From(sp.GetRequiredService<IOptions<NodeSettings>>().Value));
        builder.Services.AddSingleton(sp => new ChainStore(sp.GetRequiredService<NodeOptions>().DataDirectory));
        builder.Services.AddSingleton(new CachingBallotRule(new EVoting.Ballots.BallotRule(), ValidatorNode.BallotCacheCapacity));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NodeOptions>();
            return new PeerManager(options.Key, options.NodeId, options.Genesis, options.AdvertiseHost, options.RpcPort, sp.GetRequiredService<ILogger<PeerManager>>());
        });
        builder.Services.AddSingleton(sp => new ValidatorNode(sp.GetRequiredService<NodeOptions>(), sp.GetRequiredService<ChainStore>(), sp.GetRequiredService<CachingBallotRule>(),
            sp.GetRequiredService<PeerManager>(), sp.GetRequiredService<ActivitySource>(), sp.GetRequiredService<ILogger<ValidatorNode>>()));
        builder.Services.AddSingleton<RpcMethods>();
        builder.Services.AddHostedService<NodeHostedService>();
        builder.Services.AddHttpClient<BootnodeClient>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BootnodeClient>());
        builder.Services.AddHealthChecks().AddCheck<NodeHealthCheck>("node");
        // Kestrel's address is fixed while the host is built, before options are validated: read the two
        // settings it needs from the same binding; a malformed port stops the host at start (NodeSettingsValidator).
        if (builder is WebApplicationBuilder web && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["URLS"]))
        {
            var settings = builder.Configuration.Get<NodeSettings>() ?? new NodeSettings();
            var port = int.TryParse(settings.RpcPort, out var p) ? p : NodeOptions.DefaultRpcPort;
            web.WebHost.UseUrls($"http://{(settings.P2PHost is { Length: > 0 } host ? host : "0.0.0.0")}:{port}");
        }
        return builder;
    }
}
