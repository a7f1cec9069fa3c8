namespace EVoting.Tests.Hosting;

/// <summary>Where the services' build output is: the repository holding EVoting.sln, built in the tests' own configuration.</summary>
internal static class BuildOutput
{
    public const string TargetFramework = "net10.0";

    public static string RepositoryRoot { get; } = FindRoot();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EVoting.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Cannot find EVoting.sln above '{AppContext.BaseDirectory}'.");
    }
}
