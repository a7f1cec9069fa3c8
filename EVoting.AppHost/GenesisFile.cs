using EVoting.AppHost.Hosting;
using EVoting.Chain;

namespace EVoting.AppHost;

/// <summary>
/// The chain's genesis for a local run, derived from the validator keys and the submitter key and kept
/// at <c>&lt;state&gt;/genesis.json</c>. It is rewritten only when what it is derived from changes (a new
/// key, another block period); its timestamp is kept otherwise, so the genesis hash, and with it the
/// validators' stored chains, survive restarts. A changed genesis is a new network: the validators'
/// old data folders are deleted with it.
/// </summary>
public sealed class GenesisFile(IReadOnlyList<ParameterResource> validatorKeys, ParameterResource submitterKey, EVotingOptions options)
{
    public const string FileName = "genesis.json";

    /// <summary>Where a container finds it (the compose file mounts <c>./genesis.json</c> there).</summary>
    public const string ContainerPath = "/app/genesis.json";

    private readonly Lock _gate = new();

    /// <summary>GENESIS_PATH: the file in the state folder locally, the mounted file in a container.</summary>
    public ValueExpression PathExpression => new RunValue(Ensure, ContainerPath, ContainerPath);

    public string Ensure(RunContext run)
    {
        lock (_gate)
        {
            var path = run.StatePath(FileName);
            var existing = File.Exists(path) ? TryLoad(path) : null;
            var desired = Derive(run, existing?.Timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var json = desired.ToJson();
            if (existing is not null && existing.ToJson() == json)
                return path;

            if (existing is not null)
            {
                foreach (var key in validatorKeys)
                {
                    var data = ValidatorDataDirectory(run, ValidatorName(key));
                    if (Directory.Exists(data))
                        Directory.Delete(data, recursive: true);
                }
            }
            Directory.CreateDirectory(run.StateDirectory);
            File.WriteAllText(path, json);
            return path;
        }
    }

    public static string ValidatorDataDirectory(RunContext run, string validatorName) => run.StatePath(validatorName, "data");

    private Genesis Derive(RunContext run, long timestamp)
    {
        var genesis = new Genesis
        {
            ChainId = options.ChainId,
            Timestamp = timestamp,
            Validators = validatorKeys.Select(k => KeyOf(run, k).Address).ToArray(),
            Submitters = [KeyOf(run, submitterKey).Address],
        };
        if (options.BlockPeriodMs is { } period)
            genesis = genesis with { BlockPeriodMs = period };
        if (options.MaxTxsPerBlock is { } maxTxs)
            genesis = genesis with { MaxTxsPerBlock = maxTxs };
        genesis.Check();
        return genesis;
    }

    private static EthKey KeyOf(RunContext run, ParameterResource key)
    {
        try
        {
            return EthKey.FromHex(run.Parameters.GetValue(key));
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
