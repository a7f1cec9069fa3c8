namespace EVoting.Tests;

/// <summary>The folder holding EVoting.sln, found by walking up from the test assembly.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EVoting.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root (EVoting.sln) not found above " + AppContext.BaseDirectory);
    }
}
