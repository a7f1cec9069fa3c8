namespace EVoting.AppHost.Hosting;

/// <summary>A reference to one endpoint of a resource, resolved when the application runs.</summary>
public sealed class EndpointReference(Resource resource, string endpointName)
{
    public Resource Resource { get; } = resource;
    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation Annotation =>
        Resource.Endpoints.FirstOrDefault(e => e.Name == EndpointName)
        ?? throw new InvalidOperationException($"Resource '{Resource.Name}' has no endpoint named '{EndpointName}'.");

    public int Port => Annotation.RequirePort(Resource.Name);
    public string Host => EndpointAnnotation.Host;
    public Uri Url => new($"{Annotation.Scheme}://{Host}:{Port}");
}
