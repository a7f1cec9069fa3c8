namespace EVoting.Rpc;

/// <summary>
/// A validator could not be asked, or its answer is not the JSON-RPC response expected (no
/// connection, no answer in time, an HTTP error without a JSON-RPC body, a result of the wrong
/// shape). Another validator may do better; the request itself was not judged.
/// </summary>
public sealed class RpcTransportException(Uri endpoint, string method, string reason, Exception? inner = null)
    : Exception($"{endpoint} {method}: {reason}", inner)
{
    public Uri Endpoint { get; } = endpoint;
}
