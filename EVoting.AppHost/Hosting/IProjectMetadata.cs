namespace EVoting.AppHost.Hosting;

/// <summary>What Aspire generates per referenced project (<c>Projects.EVoting_Api</c>): where it is.</summary>
public interface IProjectMetadata
{
    /// <summary>The .csproj path relative to the repository root.</summary>
    string ProjectPath { get; }
}
