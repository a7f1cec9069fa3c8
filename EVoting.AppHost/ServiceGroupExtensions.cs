using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost;

public static class ServiceGroupExtensions
{
    /// <summary>
    /// Several resources' endpoints as one logical service for service discovery
    /// (<c>services__&lt;name&gt;__http__0..n</c>): the API and the frontend's chain proxy fail over between the validators in this order.
    /// </summary>
    public static IResourceBuilder<T> WithServiceGroup<T>(this IResourceBuilder<T> builder, string name, IReadOnlyList<EndpointReference> endpoints)
        where T : IResourceWithEnvironment
    {
        foreach (var endpoint in endpoints)
            builder.WithReferenceRelationship(endpoint.Resource);
        // A member taken out of the model (a test without validators) has no endpoint and is not listed.
        return builder.WithEnvironment(context =>
        {
            var present = endpoints.Where(e => context.ExecutionContext.IsPublishMode || e.IsAllocated).ToList();
            for (var i = 0; i < present.Count; i++)
                context.EnvironmentVariables[$"services__{name}__http__{i}"] = present[i];
        });
    }
}
