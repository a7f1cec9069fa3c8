namespace EVoting.Api.Blockchain;

/// <summary>Outcome of eth_sendTransaction across the validators.</summary>
public sealed record SendOutcome(string? AcceptedBy, string? RejectedReason, string? UnreachableReason)
{
    public bool Accepted => AcceptedBy is not null;
}

/// <summary>A validator's receipt for a transaction: the block it is in, its index there, and which validator said so.</summary>
public sealed record ChainReceipt(ulong BlockNumber, int TransactionIndex, Uri Endpoint);

/// <summary>No validator gave the answer asked for (none reachable, or each one's answer failed).</summary>
public sealed class ValidatorsUnreachableException(string message) : Exception(message);
