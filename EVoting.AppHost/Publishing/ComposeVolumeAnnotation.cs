using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// A volume of a project's service in the published compose file. Projects have no volumes in Aspire's model (only
/// containers do), but their images need some: each validator's chain store and the genesis file. A source that
/// starts with <c>./</c> is a bind mount relative to the compose file; any other is a named volume.
/// </summary>
public sealed record ComposeVolumeAnnotation(string Source, string Target, bool IsReadOnly) : IResourceAnnotation
{
    public bool IsBindMount => Source.StartsWith("./", StringComparison.Ordinal);

    public override string ToString() => $"{Source}:{Target}{(IsReadOnly ? ":ro" : "")}";
}

public static class ComposeVolumeExtensions
{
    public static IResourceBuilder<T> WithComposeVolume<T>(this IResourceBuilder<T> builder, string source, string target, bool isReadOnly = false) where T : IResource =>
        builder.WithAnnotation(new ComposeVolumeAnnotation(source, target, isReadOnly), ResourceAnnotationMutationBehavior.Append);
}
