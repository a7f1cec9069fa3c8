using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>Where a validator says a transaction is (eth_getTransactionReceipt): its block and index there.</summary>
public sealed record RpcReceipt(ulong BlockNumber, Hash32 BlockHash, int TransactionIndex);
