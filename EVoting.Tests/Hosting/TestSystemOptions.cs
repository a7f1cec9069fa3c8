namespace EVoting.Tests.Hosting;

/// <summary>What a test changes in the AppHost's model (<see cref="TestSystem"/>): everything else is Program.cs's.</summary>
public sealed record TestSystemOptions
{
    public int Validators { get; init; } = 3;

    /// <summary>Genesis block period; short in tests. Null keeps the chain's default.</summary>
    public int? BlockPeriodMs { get; init; }

    public int? MaxTxsPerBlock { get; init; }

    /// <summary>Genesis first-round timeout; null keeps the chain's default.</summary>
    public int? RoundTimeoutMs { get; init; }

    /// <summary>Resources that do not start with the system; a test starts them with Aspire's start command.</summary>
    public IReadOnlyCollection<string> ExplicitStart { get; init; } = [];

    /// <summary>Resources taken out of the model (a name also takes out its helpers, e.g. "frontend" with "frontend-build").</summary>
    public IReadOnlyCollection<string> Without { get; init; } = ["frontend"];

    /// <summary>Start the Aspire dashboard (on free ports) and read telemetry from it.</summary>
    public bool Dashboard { get; init; }

    /// <summary>Parameter values on top of the fresh keys and secrets every test system gets.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra environment per resource, applied after Program.cs's (so it wins).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Environment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Every line every resource writes, as it comes.</summary>
    public Action<string, string>? OnLog { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
