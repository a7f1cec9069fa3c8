using System.Text.Json;

namespace EVoting.Api.Blockchain;

/// <summary>A JSON-RPC error object returned by a validator (for example a rejected transaction).</summary>
public sealed record RpcError(int Code, string Message)
{
    /// <summary>-32000..-32099: the validator refused the transaction and said why.</summary>
    public bool IsRejection => Code is <= -32000 and >= -32099;
}

/// <summary>The outcome of one call: a result from <see cref="Endpoint"/>, or its error.</summary>
public sealed record RpcResponse(Uri Endpoint, JsonElement Result, RpcError? Error);

/// <summary>Outcome of eth_sendTransaction across the validators.</summary>
public sealed record SendOutcome(string? AcceptedBy, string? RejectedReason, string? UnreachableReason)
{
    public bool Accepted => AcceptedBy is not null;
}

/// <summary>A validator's receipt for a transaction: the block it is in and its index there.</summary>
public sealed record ChainReceipt(ulong BlockNumber, string BlockHash, int TransactionIndex, Uri Endpoint);

public sealed class ValidatorsUnreachableException(string message) : Exception(message);
