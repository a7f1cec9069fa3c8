namespace EVoting.Rpc;

/// <summary>
/// A JSON-RPC error as an exception: thrown by a validator's method to answer with that error
/// object, and by <see cref="JsonRpcClient"/>'s typed calls when a validator answered with one.
/// </summary>
public sealed class RpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public RpcError Error => new(Code, Message);

    public bool IsTransient => RpcErrorCodes.IsTransient(Code);

    public static RpcException Params(string message) => new(RpcErrorCodes.InvalidParams, message);
}
