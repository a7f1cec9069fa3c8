using Microsoft.Extensions.Configuration;

namespace EVoting.AppHost.Hosting;

/// <summary>Everything a resource needs to turn its declaration into a running process on this machine.</summary>
public sealed class RunContext(
    IConfiguration configuration,
    ParameterStore parameters,
    string stateDirectory,
    string repositoryRoot,
    string buildConfiguration,
    string environmentName)
{
    public IConfiguration Configuration { get; } = configuration;
    public ParameterStore Parameters { get; } = parameters;

    /// <summary>Generated secrets, database files, validator data: <c>.state/</c> locally, a temp folder in tests.</summary>
    public string StateDirectory { get; } = stateDirectory;

    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>Debug or Release: the configuration the AppHost (and so the services) was built in.</summary>
    public string BuildConfiguration { get; } = buildConfiguration;

    /// <summary>ASPNETCORE_ENVIRONMENT for the services.</summary>
    public string EnvironmentName { get; } = environmentName;

    /// <summary>Where services export telemetry (the dashboard's OTLP/HTTP receiver), if one runs.</summary>
    public string? OtlpEndpoint { get; set; }

    public string StatePath(params string[] parts) => Path.Combine([StateDirectory, .. parts]);
}
