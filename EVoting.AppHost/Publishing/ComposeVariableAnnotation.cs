using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Publishing;

/// <summary>The variable a parameter becomes in the published compose file and .env.example (default: its name in upper snake case).</summary>
public sealed record ComposeVariableAnnotation(string Name) : IResourceAnnotation;

public static class ComposeVariableExtensions
{
    public static IResourceBuilder<ParameterResource> WithComposeVariable(this IResourceBuilder<ParameterResource> parameter, string name) =>
        parameter.WithAnnotation(new ComposeVariableAnnotation(name), ResourceAnnotationMutationBehavior.Replace);
}
