namespace EVoting.Rpc;

/// <summary>
/// The validators' JSON-RPC error codes (the table in docs/validator.md), the one list the server
/// answers with and the clients decide by. -32700..-32603 are JSON-RPC 2.0's own; -32000..-32005
/// say why a transaction was not admitted.
/// </summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int Internal = -32603;

    /// <summary>Refused for a reason without its own code (wrong chain, too large, reserved election id, …).</summary>
    public const int Rejected = -32000;
    public const int BadSignature = -32001;
    public const int Duplicate = -32002;
    public const int InvalidBallot = -32003;
    public const int PoolFull = -32004;
    public const int ElectionState = -32005;

    /// <summary>
    /// Whether the same request may succeed later or at another validator: a full pool, or a fault
    /// inside the node that answered. Every other code is a verdict on the request itself.
    /// </summary>
    public static bool IsTransient(int code) => code is PoolFull or Internal;
}
