namespace EVoting.AppHost.Hosting;

/// <summary>Run mode or publish mode (<c>--publisher &lt;name&gt; --output-path &lt;path&gt;</c>).</summary>
public sealed class DistributedApplicationExecutionContext(string? publisherName, string? outputPath)
{
    public string? PublisherName { get; } = publisherName;
    public string? OutputPath { get; } = outputPath;
    public bool IsPublishMode => PublisherName is not null;
    public bool IsRunMode => !IsPublishMode;
}
