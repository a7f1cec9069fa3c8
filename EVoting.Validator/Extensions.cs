using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Discovery;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Rpc;
using EVoting.Validator.Storage;

namespace EVoting.Validator;

public static class Extensions
{
    /// <summary>Registers the node: options from the environment, store, ballot rule, P2P, consensus, RPC, bootnode client, health.</summary>
    public static IHostApplicationBuilder AddValidatorNode(this IHostApplicationBuilder builder)
    {
        var options = NodeOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ChainStore(options.DataDirectory));
        builder.Services.AddSingleton(new CachingBallotRule(new EVoting.Ballots.BallotRule()));
        builder.Services.AddSingleton(sp => new PeerManager(options.Key, options.NodeId, options.Genesis, options.AdvertiseHost,
            options.RpcPort, sp.GetRequiredService<ILogger<PeerManager>>()));
        builder.Services.AddSingleton(sp => new ValidatorNode(options, sp.GetRequiredService<ChainStore>(), sp.GetRequiredService<CachingBallotRule>(),
            sp.GetRequiredService<PeerManager>(), sp.GetRequiredService<ActivitySource>(), sp.GetRequiredService<ILogger<ValidatorNode>>()));
        builder.Services.AddSingleton<RpcMethods>();
        builder.Services.AddHostedService<NodeHostedService>();
        builder.Services.AddHttpClient<BootnodeClient>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BootnodeClient>());
        builder.Services.AddHealthChecks().AddCheck<NodeHealthCheck>("node");
        if (builder is WebApplicationBuilder web && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["URLS"]))
            web.WebHost.UseUrls($"http://{(options.P2PHost is "0.0.0.0" ? "0.0.0.0" : options.P2PHost)}:{options.RpcPort}");
        return builder;
    }
}
