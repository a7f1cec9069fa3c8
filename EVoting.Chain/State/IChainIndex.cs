namespace EVoting.Chain;

/// <summary>
/// The chain's per-vote indexes, the part of chain state that grows with every vote: where each final transaction
/// is, and the nullifiers and ballot hashes used per election. Blocks are added in height order; <see cref="Height"/>
/// says how far it has got, so an index that outlives the process (<see cref="SqliteChainIndex"/>) is not built
/// again on a restart (docs/validator.md, "Store").
/// </summary>
public interface IChainIndex
{
    /// <summary>The last block whose transactions are indexed (0: none).</summary>
    ulong Height { get; }

    /// <summary>That block's hash (the genesis hash's place is never checked: block 0 has no transactions).</summary>
    Hash32 HeadHash { get; }

    long TransactionCount { get; }

    /// <summary>Indexes a validated block's transactions; <paramref name="block"/> must be at <see cref="Height"/> + 1.</summary>
    void Add(Block block);

    bool HasTransaction(Hash32 txHash);

    /// <summary>Where a final transaction is. Safe from any thread while one thread adds blocks (a validator's RPC).</summary>
    bool TryGetLocation(Hash32 txHash, out TxLocation location);

    bool HasNullifier(ulong electionId, string nullifier);

    bool HasBallotHash(ulong electionId, Hash32 ballotHash);
}
