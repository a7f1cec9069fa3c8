using System.Globalization;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// A .NET project, launched from its normal build output (<c>dotnet bin/&lt;Configuration&gt;/net10.0/&lt;Name&gt;.dll</c>);
/// the AppHost's build already built it, so nothing is built twice.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : ProcessResource(name)
{
    public const string TargetFramework = "net10.0";

    /// <summary>Relative to the repository root, e.g. <c>EVoting.Api/EVoting.Api.csproj</c>.</summary>
    public string ProjectPath { get; } = projectPath.Replace('\\', '/');

    public override string DisplayType => "Project";

    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);

    public override Task<ProcessSpec> PrepareAsync(RunContext run, ResourceLogs logs, CancellationToken cancellationToken)
    {
        var projectDirectory = Path.GetDirectoryName(ResolvePath(run, ProjectPath))!;
        var dll = Path.Combine(projectDirectory, "bin", run.BuildConfiguration, TargetFramework, AssemblyName + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException(
                $"'{dll}' does not exist: build the AppHost first (dotnet build EVoting.AppHost -c {run.BuildConfiguration}); it builds every service.");

        return Task.FromResult(new ProcessSpec("dotnet", [dll, .. ResolveArgs(run)], projectDirectory, GetEnvironment(run)));
    }

    /// <summary>Adds what ASP.NET Core reads: where to listen (the http endpoints) and the environment name.</summary>
    public override Dictionary<string, string> GetEnvironment(RunContext run)
    {
        var env = base.GetEnvironment(run);
        env.TryAdd("ASPNETCORE_URLS", string.Join(';', Endpoints
            .Where(e => e.Scheme is "http" or "https")
            .Select(e => $"{e.Scheme}://{EndpointAnnotation.Host}:{e.RequirePort(Name).ToString(CultureInfo.InvariantCulture)}")));
        env.TryAdd("ASPNETCORE_ENVIRONMENT", run.EnvironmentName);
        env.TryAdd("DOTNET_ENVIRONMENT", run.EnvironmentName);
        // Let console logs keep their colours out of the way in captured output.
        env.TryAdd("DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION", "false");
        env.TryAdd("Logging__Console__FormatterName", "simple");
        env.TryAdd("Logging__Console__FormatterOptions__SingleLine", "true");
        env.TryAdd("Logging__Console__FormatterOptions__TimestampFormat", "HH:mm:ss.fff ");

        return env;
    }
}
