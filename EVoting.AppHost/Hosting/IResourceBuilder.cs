namespace EVoting.AppHost.Hosting;

/// <summary>Aspire's fluent handle on a resource being declared.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    T Resource { get; }
    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder builder) : IResourceBuilder<T> where T : Resource
{
    public T Resource { get; } = resource;
    public DistributedApplicationBuilder ApplicationBuilder { get; } = builder;
}
