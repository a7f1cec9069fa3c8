using Microsoft.Extensions.Configuration;

namespace EVoting.AppHost;

/// <summary>Settings of the EVoting graph: from configuration in run mode, from the test's options in tests.</summary>
public sealed class EVotingOptions
{
    public int Validators { get; init; } = 3;

    /// <summary>The genesis block period; null keeps the chain's default (1 s).</summary>
    public int? BlockPeriodMs { get; init; }

    /// <summary>The genesis block size limit; null keeps the chain's default (2,000). The seed design used 32.</summary>
    public int? MaxTxsPerBlock { get; init; }

    public ulong ChainId { get; init; } = 1337;

    /// <summary>Run the frontend as <c>npm run build</c> + <c>npm run start</c> instead of <c>npm run dev</c>.</summary>
    public bool FrontendProduction { get; init; }

    /// <summary>Extra environment per resource (a test's knobs), applied last.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Environment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary><c>EVoting:Validators</c>, <c>EVoting:BlockPeriodMs</c>, <c>EVoting:MaxTxsPerBlock</c>, <c>EVoting:ChainId</c>, <c>Frontend:Production</c>.</summary>
    public static EVotingOptions From(IConfiguration configuration) => new()
    {
        Validators = configuration.GetValue("EVoting:Validators", 3),
        BlockPeriodMs = configuration.GetValue<int?>("EVoting:BlockPeriodMs"),
        MaxTxsPerBlock = configuration.GetValue<int?>("EVoting:MaxTxsPerBlock"),
        ChainId = configuration.GetValue<ulong>("EVoting:ChainId", 1337),
        FrontendProduction = configuration.GetValue("Frontend:Production", false),
    };
}
