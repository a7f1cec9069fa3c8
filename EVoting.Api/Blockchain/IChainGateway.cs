using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// What the API's services need from the chain: send a transaction, find where it stands, read a
/// final block. <see cref="ChainGateway"/> does it over the validators' JSON-RPC; unit tests of the
/// services use an in-memory chain.
/// </summary>
public interface IChainGateway
{
    /// <summary>Sends to the validators in turn until one accepts; never throws for a refusal.</summary>
    Task<SendOutcome> SendAsync(Transaction tx, CancellationToken ct);

    /// <summary>Pending, included (a validator reports a block not yet proven final) or final.</summary>
    /// <exception cref="ValidatorsUnreachableException">No validator answered.</exception>
    Task<TxPosition> LocateAsync(Hash32 txHash, CancellationToken ct);

    /// <summary>Block <paramref name="number"/>, verified final here, or null when no validator has it yet.</summary>
    /// <exception cref="ValidatorsUnreachableException">No validator served a verifiable block.</exception>
    Task<Block?> GetFinalBlockAsync(ulong number, CancellationToken ct);
}

public sealed class ChainGateway(ChainClient chain, FinalityTracker finality) : IChainGateway
{
    public Task<SendOutcome> SendAsync(Transaction tx, CancellationToken ct) => chain.SendAsync(tx, ct);

    public Task<TxPosition> LocateAsync(Hash32 txHash, CancellationToken ct) => finality.LocateAsync(txHash, ct);

    public Task<Block?> GetFinalBlockAsync(ulong number, CancellationToken ct) => chain.GetBlockAsync(number, ct);
}
