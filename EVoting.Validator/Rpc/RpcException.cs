namespace EVoting.Validator.Rpc;

/// <summary>A JSON-RPC error to return for one request: code and message (docs/validator.md lists them).</summary>
public sealed class RpcException(int code, string message) : Exception(message)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int Internal = -32603;

    public int Code { get; } = code;

    public static RpcException Params(string message) => new(InvalidParams, message);
}
