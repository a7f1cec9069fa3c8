using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Blockchain;

/// <summary>
/// The chain the API submits to: its genesis (chain id, validator set for checking commit
/// certificates) and the submitter key that signs every transaction. Checked at start
/// (<see cref="ChainSettingsValidator"/>), so a mismatched key or genesis stops the API instead of
/// producing transactions validators reject.
/// </summary>
public sealed class ChainSettings
{
    public ChainSettings(Genesis genesis, EthKey submitter)
    {
        if (!genesis.IsSubmitter(submitter.Address))
            throw new InvalidOperationException($"The submitter key's address {submitter.Address} is not an authorized submitter in genesis.");
        Genesis = genesis;
        Submitter = submitter;
    }

    public Genesis Genesis { get; }
    public EthKey Submitter { get; }
    public ulong ChainId => Genesis.ChainId;

    /// <summary>From options that <see cref="ChainSettingsValidator"/> has accepted.</summary>
    public static ChainSettings From(IOptions<ChainSettingsOptions> options) =>
        new(GenesisSource.TryLoad(options.Value.GenesisJson, options.Value.GenesisPath, out _)!, EthKey.FromHex(options.Value.SubmitterKey!));
}

/// <summary>Where the genesis and the submitter key come from: the environment names the AppHost and compose pass.</summary>
public sealed class ChainSettingsOptions
{
    [ConfigurationKeyName(GenesisSource.JsonKey)]
    public string? GenesisJson { get; set; }

    [ConfigurationKeyName(GenesisSource.PathKey)]
    public string? GenesisPath { get; set; }

    /// <summary>secp256k1 key (0x hex) whose address is in genesis submitters.</summary>
    [ConfigurationKeyName(SubmitterKeyName)]
    public string? SubmitterKey { get; set; }

    public const string SubmitterKeyName = "API_SUBMITTER_PRIVATE_KEY";
}

/// <summary>A genesis that loads, a submitter key that parses, and the key's address a submitter of that genesis.</summary>
public sealed class ChainSettingsValidator : IValidateOptions<ChainSettingsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainSettingsOptions options)
    {
        var genesis = GenesisSource.TryLoad(options.GenesisJson, options.GenesisPath, out var genesisError);
        if (genesisError is not null)
            return ValidateOptionsResult.Fail(genesisError);
        if (genesis is null)
            return ValidateOptionsResult.Fail($"Neither {GenesisSource.JsonKey} nor {GenesisSource.PathKey} is set: the API needs the chain's genesis.");
        if (string.IsNullOrWhiteSpace(options.SubmitterKey))
            return ValidateOptionsResult.Fail($"{ChainSettingsOptions.SubmitterKeyName} is not set.");
        EthKey key;
        try
        {
            key = EthKey.FromHex(options.SubmitterKey.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{ChainSettingsOptions.SubmitterKeyName} must be a secp256k1 private key in 0x hex: {e.Message}");
        }
        return genesis.IsSubmitter(key.Address)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ChainSettingsOptions.SubmitterKeyName}'s address {key.Address} is not a submitter in the genesis.");
    }
}
