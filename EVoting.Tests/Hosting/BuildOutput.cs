namespace EVoting.Tests.Hosting;

/// <summary>Where the services' build output is: the repository holding EVoting.sln, built in the tests' own configuration.</summary>
internal static class BuildOutput
{
    public const string TargetFramework = "net10.0";

    public static string RepositoryRoot => Tests.RepositoryRoot.Path;

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
}
