using EVoting.Rpc;

namespace EVoting.Api.Blockchain;

/// <summary>A <see cref="JsonRpcClient"/> for one validator's base URL (<c>POST {base}/rpc</c>), over the API's named HTTP client.</summary>
public sealed class ValidatorRpcFactory(IHttpClientFactory httpFactory)
{
    public const string HttpClientName = "validator-rpc";

    public JsonRpcClient For(Uri validator) => new(httpFactory.CreateClient(HttpClientName), new Uri(validator, "rpc"));
}
