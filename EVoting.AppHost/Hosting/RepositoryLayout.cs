using System.Reflection;

namespace EVoting.AppHost.Hosting;

/// <summary>Where the repository is and which configuration this AppHost was built in.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "EVoting.sln";

    /// <summary>The folder holding EVoting.sln, searched upwards from the build output and the current directory.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Cannot find {SolutionFile} above '{AppContext.BaseDirectory}' or the current directory.");
    }

    public static string BuildConfiguration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";
}
