using EVoting.AppHost.Testing;

namespace EVoting.AppHost;

/// <summary>The harness's options for the EVoting graph: which resources, how many validators, block period, extra environment.</summary>
public sealed class EVotingTestOptions : DistributedApplicationTestingOptions
{
    public int Validators { get; init; } = 3;

    /// <summary>Genesis block period in milliseconds (short in tests); null keeps the chain's default.</summary>
    public int? BlockPeriodMs { get; init; }

    /// <summary>Genesis block size limit; null keeps the chain's default.</summary>
    public int? MaxTxsPerBlock { get; init; }

    public bool FrontendProduction { get; init; }

    /// <summary>Extra environment per resource, e.g. <c>["api"] = new() { ["Auth__MaxFailedLogins"] = "3" }</c>.</summary>
    public Dictionary<string, Dictionary<string, string>> Environment { get; init; } = [];

    internal EVotingOptions ToEVotingOptions() => new()
    {
        Validators = Validators,
        BlockPeriodMs = BlockPeriodMs,
        MaxTxsPerBlock = MaxTxsPerBlock,
        FrontendProduction = FrontendProduction,
        Environment = Environment.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value),
    };
}
