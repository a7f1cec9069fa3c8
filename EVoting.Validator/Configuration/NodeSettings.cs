using Microsoft.Extensions.Options;

namespace EVoting.Validator.Configuration;

/// <summary>
/// A validator's configuration as the environment gives it (the names the AppHost and compose set;
/// docs/validator.md lists them). Text only, so a malformed value is reported by
/// <see cref="NodeSettingsValidator"/> with its name instead of failing the binding.
/// </summary>
public sealed class NodeSettings
{
    [ConfigurationKeyName("PRIVATE_KEY")] public string? PrivateKey { get; set; }
    [ConfigurationKeyName("GENESIS_JSON")] public string? GenesisJson { get; set; }
    [ConfigurationKeyName("GENESIS_PATH")] public string? GenesisPath { get; set; }
    [ConfigurationKeyName("NODE_ID")] public string? NodeId { get; set; }
    [ConfigurationKeyName("DATA_DIR")] public string? DataDirectory { get; set; }
    [ConfigurationKeyName("RPC_PORT")] public string? RpcPort { get; set; }
    [ConfigurationKeyName("P2P_PORT")] public string? P2PPort { get; set; }
    [ConfigurationKeyName("P2P_HOST")] public string? P2PHost { get; set; }
    [ConfigurationKeyName("P2P_ADVERTISE_HOST")] public string? AdvertiseHost { get; set; }
    [ConfigurationKeyName("BOOTNODE_URL")] public string? BootnodeUrl { get; set; }

    /// <summary>The bootnode as Aspire's service discovery names it (WithReference), when BOOTNODE_URL is not set.</summary>
    [ConfigurationKeyName("services:bootnode:http:0")] public string? DiscoveredBootnodeUrl { get; set; }

    /// <summary>Extra peers to dial ("host:port,host:port"), for networks without a bootnode.</summary>
    [ConfigurationKeyName("STATIC_PEERS")] public string? StaticPeers { get; set; }
}

/// <summary>Settings that make a <see cref="NodeOptions"/>; otherwise the reason, naming the variable.</summary>
public sealed class NodeSettingsValidator : IValidateOptions<NodeSettings>
{
    public ValidateOptionsResult Validate(string? name, NodeSettings settings)
    {
        try
        {
            NodeOptions.From(settings);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
