using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// The Dockerfile (relative to the repository root, the build context) that builds a project's or an executable's
/// image in the published compose file. Aspire's model knows how to run a project, not which of our Dockerfiles
/// packages it, so the AppHost says so; the image is named <c>evoting/&lt;suffix&gt;:latest</c> after the
/// Dockerfile's suffix (<c>docker/Dockerfile.backend</c> → <c>evoting/backend:latest</c>).
/// </summary>
public sealed record ComposeBuildAnnotation(string Dockerfile) : IResourceAnnotation
{
    public string Image => $"evoting/{Path.GetExtension(Dockerfile).TrimStart('.')}:latest";
}

public static class ComposeBuildExtensions
{
    public static IResourceBuilder<T> WithComposeDockerfile<T>(this IResourceBuilder<T> builder, string dockerfile) where T : IResource =>
        builder.WithAnnotation(new ComposeBuildAnnotation(dockerfile), ResourceAnnotationMutationBehavior.Replace);
}
