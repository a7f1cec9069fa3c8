using System.Text.Json;

namespace EVoting.Rpc;

/// <summary>One JSON-RPC answer: its result, or its error object.</summary>
public sealed record RpcResponse(JsonElement Result, RpcError? Error);
