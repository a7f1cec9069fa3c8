using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace EVoting.Api.Blockchain;

/// <summary>
/// Resolves the logical service `http://validators` through service discovery into each
/// validator's base URL (`services__validators__http__0..n`), so the client can fail over in turn.
/// </summary>
public sealed class ValidatorEndpoints(ServiceEndpointResolver resolver)
{
    public const string ServiceName = "http://validators";

    public async Task<IReadOnlyList<Uri>> ResolveAsync(CancellationToken ct)
    {
        var source = await resolver.GetEndpointsAsync(ServiceName, ct);
        return source.Endpoints.Select(e => ToUri(e.EndPoint)).Where(u => u is not null).Select(u => u!).Distinct().ToArray();
    }

    private static Uri? ToUri(EndPoint endPoint) => endPoint switch
    {
        UriEndPoint u => u.Uri,
        DnsEndPoint d => new Uri($"http://{d.Host}:{d.Port}"),
        IPEndPoint ip => new Uri($"http://{ip}"),
        _ => null,
    };
}
