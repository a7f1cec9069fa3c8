namespace EVoting.Chain;

/// <summary>
/// The state the chain's final blocks define: the head, each election (key, shape, closed, tallied), and the
/// per-vote indexes (<see cref="IChainIndex"/>: nullifiers and ballot hashes used per election, where each
/// transaction is). Rebuilt by applying blocks in order; <see cref="Apply"/> trusts that the block was validated.
/// An index that persists (a validator's, in its store) already holds the blocks it indexed before a restart, and
/// only the blocks after its height are added to it again.
/// </summary>
public sealed class ChainState : IChainView
{
    private readonly Dictionary<ulong, ElectionRecord> _elections = [];
    private readonly IChainIndex _index;

    /// <param name="index">The per-vote indexes; null for ones on the heap (<see cref="InMemoryChainIndex"/>).</param>
    public ChainState(Genesis genesis, IChainIndex? index = null)
    {
        Genesis = genesis;
        _index = index ?? new InMemoryChainIndex();
        var block0 = genesis.GenesisBlock;
        Head = block0.Header;
        HeadHash = block0.Hash;
    }

    public Genesis Genesis { get; }
    public BlockHeader Head { get; private set; }
    public Hash32 HeadHash { get; private set; }
    public ulong Height => Head.Index;
    public long TransactionCount => _index.TransactionCount;

    /// <summary>The height the index has reached: above <see cref="Height"/> once every stored block is applied, the index is not this chain's.</summary>
    public ulong IndexHeight => _index.Height;

    public ElectionInfo? GetElection(ulong electionId) => _elections.GetValueOrDefault(electionId)?.Info;
    public bool IsElectionClosed(ulong electionId) => _elections.TryGetValue(electionId, out var e) && e.Closed;
    public bool IsElectionTallied(ulong electionId) => _elections.TryGetValue(electionId, out var e) && e.Tallied;
    public bool HasNullifier(ulong electionId, string nullifier) => _index.HasNullifier(electionId, nullifier);
    public bool HasBallotHash(ulong electionId, Hash32 ballotHash) => _index.HasBallotHash(electionId, ballotHash);
    public bool HasTransaction(Hash32 txHash) => _index.HasTransaction(txHash);

    /// <summary>Where a final transaction is; safe from any thread while one thread applies blocks (a validator's RPC).</summary>
    public bool TryGetLocation(Hash32 txHash, out TxLocation location) => _index.TryGetLocation(txHash, out location);

    public IReadOnlyCollection<ulong> ElectionIds => _elections.Keys;

    public void Apply(Block block)
    {
        if (block.Index != Height + 1 || block.Header.PrevHash != HeadHash)
            throw new InvalidOperationException($"block {block.Index} does not extend head {Height}");
        if (block.Index == _index.Height && block.Hash != _index.HeadHash)
            throw new InvalidOperationException($"the chain index at height {block.Index} was built from another chain");
        foreach (var tx in block.Transactions)
            ApplyTransaction(tx);
        if (block.Index > _index.Height)
            _index.Add(block);
        Head = block.Header;
        HeadHash = block.Hash;
    }

    private void ApplyTransaction(Transaction tx)
    {
        switch (tx.Kind)
        {
            case TxKind.ElectionOpen:
                _elections[tx.ElectionId] = new ElectionRecord(ElectionInfo.DeclaredBy(tx));
                break;
            case TxKind.ElectionClose:
                _elections[tx.ElectionId].Closed = true;
                break;
            case TxKind.ElectionTally:
                _elections[tx.ElectionId].Tallied = true;
                break;
        }
    }

    private sealed class ElectionRecord(ElectionInfo info)
    {
        public ElectionInfo Info { get; } = info;
        public bool Closed { get; set; }
        public bool Tallied { get; set; }
    }
}
