using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Frontend;

/// <summary>
/// The Next.js frontend as executables run by DCP (Aspire's JavaScript hosting package is not served):
/// <c>frontend-install</c> (<c>npm install</c>, only when <c>node_modules</c> is missing), <c>frontend-build</c>
/// (<c>next build</c>, only when a source is newer than the last build) and <c>frontend</c> itself, which
/// waits for both to complete. Published, it is one executable; its image builds it (docker/Dockerfile.frontend).
/// </summary>
public static class FrontendBuilderExtensions
{
    public static IResourceBuilder<ExecutableResource> AddFrontend(this IDistributedApplicationBuilder builder, string name, string directory, string mode)
    {
        directory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, directory));
        var script = mode == "dev" ? "dev" : "start";
        var frontend = builder.AddExecutable(name, "npm", directory, "run", script, "--", "-H", "127.0.0.1");
        if (builder.ExecutionContext.IsPublishMode)
            return frontend;

        IResourceBuilder<ExecutableResource>? install = null;
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            // npm install, not npm ci: this machine's npm config omits "resolved" from lock files, which npm ci rejects.
            install = builder.AddExecutable($"{name}-install", "npm", directory, "install", "--no-audit", "--no-fund");
            frontend.WaitForCompletion(install);
        }
        if (mode != "dev" && BuildIsStale(directory))
        {
            var build = builder.AddExecutable($"{name}-build", "npm", directory, "run", "build");
            if (install is not null)
                build.WaitForCompletion(install);
            frontend.WaitForCompletion(build);
        }
        return frontend;
    }

    /// <summary>True when there is no production build or a file it is made from is newer than it.</summary>
    public static bool BuildIsStale(string directory)
    {
        var buildId = new FileInfo(Path.Combine(directory, ".next", "BUILD_ID"));
        if (!buildId.Exists)
            return true;
        return Sources(new DirectoryInfo(directory)).Any(f => f.LastWriteTimeUtc > buildId.LastWriteTimeUtc);
    }

    private static IEnumerable<FileInfo> Sources(DirectoryInfo directory)
    {
        foreach (var file in directory.EnumerateFiles())
            yield return file;
        foreach (var sub in directory.EnumerateDirectories())
        {
            if (sub.Name is "node_modules" or ".next" or "test-results" || sub.Name.StartsWith('.'))
                continue;
            foreach (var file in Sources(sub))
                yield return file;
        }
    }
}
