using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost;

public static class ServiceGroupExtensions
{
    /// <summary>
    /// Several resources' endpoints as one logical service for service discovery
    /// (<c>services__&lt;name&gt;__http__0..n</c>): the API fails over between the validators in this order.
    /// </summary>
    public static IResourceBuilder<T> WithServiceGroup<T>(this IResourceBuilder<T> builder, string name, IReadOnlyList<EndpointReference> endpoints)
        where T : IResourceWithEnvironment
    {
        foreach (var endpoint in endpoints)
            builder.WithReferenceRelationship(endpoint.Resource);
        return builder.WithEnvironment(context =>
        {
            for (var i = 0; i < endpoints.Count; i++)
                context.EnvironmentVariables[$"services__{name}__http__{i}"] = endpoints[i];
        });
    }
}
