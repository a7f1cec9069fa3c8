using Microsoft.Extensions.Configuration;

namespace EVoting.AppHost;

/// <summary>
/// Settings of the EVoting model from configuration (<c>EVoting:*</c>, e.g. <c>--EVoting:BlockPeriodMs=300</c>
/// on the command line or <c>EVoting__BlockPeriodMs</c> in the environment); tests set them as arguments.
/// </summary>
public sealed class EVotingOptions
{
    public int Validators { get; init; } = 3;

    /// <summary>The genesis block period; null keeps the chain's default (1 s).</summary>
    public int? BlockPeriodMs { get; init; }

    /// <summary>The genesis's first-round timeout; null keeps the chain's default.</summary>
    public int? RoundTimeoutMs { get; init; }

    /// <summary>The genesis block size limit; null keeps the chain's default (2,000). The seed design used 32.</summary>
    public int? MaxTxsPerBlock { get; init; }

    public ulong ChainId { get; init; } = 1337;

    /// <summary><c>production</c> (<c>next build</c> when sources changed, then <c>next start</c>) or <c>dev</c> (<c>next dev</c>).</summary>
    public string FrontendMode { get; init; } = "production";

    /// <summary>Local state: the genesis file, each validator's chain, MariaDB's data. Tests give each run its own.</summary>
    public required string StateDirectory { get; init; }

    public static EVotingOptions From(IConfiguration configuration, string appHostDirectory)
    {
        var options = new EVotingOptions
        {
            Validators = configuration.GetValue("EVoting:Validators", 3),
            BlockPeriodMs = configuration.GetValue<int?>("EVoting:BlockPeriodMs"),
            MaxTxsPerBlock = configuration.GetValue<int?>("EVoting:MaxTxsPerBlock"),
            RoundTimeoutMs = configuration.GetValue<int?>("EVoting:RoundTimeoutMs"),
            ChainId = configuration.GetValue<ulong>("EVoting:ChainId", 1337),
            FrontendMode = configuration["EVoting:FrontendMode"] is { Length: > 0 } mode ? mode : "production",
            StateDirectory = Path.GetFullPath(configuration["EVoting:StateDirectory"] is { Length: > 0 } state ? state : Path.Combine(appHostDirectory, ".state")),
        };
        if (options.Validators is < 1 or > 32)
            throw new InvalidOperationException($"EVoting:Validators must be between 1 and 32 (is {options.Validators}).");
        if (options.FrontendMode is not ("production" or "dev"))
            throw new InvalidOperationException($"EVoting:FrontendMode must be 'production' or 'dev' (is '{options.FrontendMode}').");
        return options;
    }
}
