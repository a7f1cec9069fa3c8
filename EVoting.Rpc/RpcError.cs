namespace EVoting.Rpc;

/// <summary>A JSON-RPC error object: its code (<see cref="RpcErrorCodes"/>) and message.</summary>
public sealed record RpcError(int Code, string Message)
{
    public bool IsTransient => RpcErrorCodes.IsTransient(Code);
}
