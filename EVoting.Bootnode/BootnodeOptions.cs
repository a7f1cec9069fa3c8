using System.ComponentModel.DataAnnotations;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Bootnode;

/// <summary>
/// Bootnode settings from the environment: the port (BOOTNODE_PORT), how long an entry lives without
/// a heartbeat (PEER_TIMEOUT_SECONDS), and an optional genesis (GENESIS_JSON / GENESIS_PATH) that
/// restricts registrations to its validators. Checked at start.
/// </summary>
public sealed class BootnodeOptions
{
    public const int DefaultPort = 8546;

    [ConfigurationKeyName("BOOTNODE_PORT")]
    [Range(0, 65535, ErrorMessage = "BOOTNODE_PORT must be a port number (0 to 65535).")]
    public int Port { get; set; } = DefaultPort;

    [ConfigurationKeyName("PEER_TIMEOUT_SECONDS")]
    [Range(1, 86_400, ErrorMessage = "PEER_TIMEOUT_SECONDS must be between {1} and {2}.")]
    public int PeerTimeoutSeconds { get; set; } = 30;

    [ConfigurationKeyName(GenesisSource.JsonKey)]
    public string? GenesisJson { get; set; }

    [ConfigurationKeyName(GenesisSource.PathKey)]
    public string? GenesisPath { get; set; }

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(PeerTimeoutSeconds);
}

/// <summary>A genesis that is set must load.</summary>
public sealed class BootnodeOptionsValidator : IValidateOptions<BootnodeOptions>
{
    public ValidateOptionsResult Validate(string? name, BootnodeOptions options)
    {
        GenesisSource.TryLoad(options.GenesisJson, options.GenesisPath, out var error);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}

/// <summary>The genesis whose validators may register, or null for any signed registration.</summary>
public sealed record BootnodeGenesis(Genesis? Genesis);
