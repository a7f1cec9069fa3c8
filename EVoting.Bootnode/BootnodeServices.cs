using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Bootnode;

public static class BootnodeServices
{
    /// <summary>Options (validated at start), the peer registry and its sweeper, and the listen address.</summary>
    public static WebApplicationBuilder AddBootnode(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootnodeOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BootnodeOptions>, BootnodeOptionsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BootnodeOptions>>().Value;
            return new BootnodeGenesis(GenesisSource.TryLoad(options.GenesisJson, options.GenesisPath, out _));
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new PeerRegistry(sp.GetRequiredService<TimeProvider>())
        {
            StaleAfter = sp.GetRequiredService<IOptions<BootnodeOptions>>().Value.StaleAfter,
        });
        builder.Services.AddHostedService<StalePeerSweeper>();
        builder.Services.AddProblemDetails();
        // Kestrel's address is fixed while the host is built, before options are validated: the port
        // comes from the same binding; a malformed one stops the host at start.
        if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["URLS"]))
        {
            var port = int.TryParse(builder.Configuration["BOOTNODE_PORT"], out var p) ? p : BootnodeOptions.DefaultPort;
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }
        return builder;
    }
}
