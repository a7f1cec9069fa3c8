using Aspire.Hosting.ApplicationModel;
using EVoting.Chain;

namespace EVoting.AppHost;

/// <summary>
/// The chain's genesis for a local run, derived from the validator keys and the submitter key and kept at
/// <c>&lt;state&gt;/genesis.json</c>; written before any resource starts. It is rewritten only when what it is
/// derived from changes (a new key, another block period); its timestamp is kept otherwise, so the genesis
/// hash, and with it the validators' stored chains, survive restarts. A changed genesis is a new network:
/// the validators' old data folders are deleted with it.
/// </summary>
public sealed class GenesisFile(IReadOnlyList<ParameterResource> validatorKeys, ParameterResource submitterKey, EVotingOptions options)
{
    public const string FileName = "genesis.json";

    /// <summary>Where a container finds it (the compose file mounts <c>./genesis.json</c> there).</summary>
    public const string ContainerPath = "/app/genesis.json";

    public string LocalPath => Path.Combine(options.StateDirectory, FileName);

    public static string ValidatorDataDirectory(string stateDirectory, string validatorName) => Path.Combine(stateDirectory, validatorName, "data");

    public async Task<Genesis> EnsureAsync(CancellationToken ct)
    {
        var existing = File.Exists(LocalPath) ? TryLoad(LocalPath) : null;
        var desired = await DeriveAsync(existing?.Timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ct);
        var json = desired.ToJson();
        if (existing is not null && existing.ToJson() == json)
            return existing;

        if (existing is not null)
        {
            foreach (var key in validatorKeys)
            {
                var data = ValidatorDataDirectory(options.StateDirectory, ValidatorName(key));
                if (Directory.Exists(data))
                    Directory.Delete(data, recursive: true);
            }
        }
        Directory.CreateDirectory(options.StateDirectory);
        await File.WriteAllTextAsync(LocalPath, json, ct);
        return desired;
    }

    private async Task<Genesis> DeriveAsync(long timestamp, CancellationToken ct)
    {
        var validators = new List<Address>();
        foreach (var key in validatorKeys)
            validators.Add((await KeyOfAsync(key, ct)).Address);
        var genesis = new Genesis
        {
            ChainId = options.ChainId,
            Timestamp = timestamp,
            Validators = validators,
            Submitters = [(await KeyOfAsync(submitterKey, ct)).Address],
        };
        if (options.BlockPeriodMs is { } period)
            genesis = genesis with { BlockPeriodMs = period };
        if (options.RoundTimeoutMs is { } roundTimeout)
            genesis = genesis with { RoundTimeoutMs = roundTimeout };
        if (options.MaxTxsPerBlock is { } maxTxs)
            genesis = genesis with { MaxTxsPerBlock = maxTxs };
        genesis.Check();
        return genesis;
    }

    private static async Task<EthKey> KeyOfAsync(ParameterResource key, CancellationToken ct)
    {
        var value = await key.GetValueAsync(ct);
        try
        {
            return EthKey.FromHex(value ?? "");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Parameter '{key.Name}' is not a secp256k1 private key (0x + 64 hex): {e.Message}", e);
        }
    }

    // validator-2-key → validator-2
    private static string ValidatorName(ParameterResource key) => key.Name[..^"-key".Length];

    private static Genesis? TryLoad(string path)
    {
        try
        {
            return Genesis.LoadFile(path);
        }
        catch (FormatException)
        {
            return null; // unreadable: replaced
        }
    }
}
