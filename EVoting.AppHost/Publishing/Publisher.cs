using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// Publish mode: <c>--publisher manifest|docker-compose --output-path &lt;path&gt;</c>. A relative output path
/// is relative to the repository root (<c>dotnet run</c> starts the AppHost in its project folder).
/// </summary>
public static class Publisher
{
    public static async Task<int> PublishAsync(string publisherName, string? outputPath, IReadOnlyList<Resource> resources, string repositoryRoot, CancellationToken cancellationToken)
    {
        switch (publisherName)
        {
            case "manifest":
            {
                var file = Path.GetFullPath(outputPath ?? "aspire-manifest.json", repositoryRoot);
                var directory = Path.GetDirectoryName(file)!;
                Directory.CreateDirectory(directory);
                await File.WriteAllTextAsync(file, ManifestPublisher.Render(resources, repositoryRoot, directory), cancellationToken);
                Console.WriteLine($"Wrote {file}");
                return 0;
            }
            case "docker-compose":
            {
                var directory = Path.GetFullPath(outputPath ?? ".", repositoryRoot);
                Directory.CreateDirectory(directory);
                var (compose, env) = DockerComposePublisher.Render(resources);
                await File.WriteAllTextAsync(Path.Combine(directory, DockerComposePublisher.ComposeFileName), compose, cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(directory, DockerComposePublisher.EnvFileName), env, cancellationToken);
                Console.WriteLine($"Wrote {Path.Combine(directory, DockerComposePublisher.ComposeFileName)} and {DockerComposePublisher.EnvFileName}");
                return 0;
            }
            default:
                await Console.Error.WriteLineAsync($"Unknown publisher '{publisherName}': use 'manifest' or 'docker-compose'.");
                return 2;
        }
    }
}
