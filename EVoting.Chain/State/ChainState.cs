namespace EVoting.Chain;

/// <summary>
/// The state the chain's final blocks define: the head, each election (key, shape, closed), the
/// nullifiers and ballot hashes used per election, and where each transaction is. Rebuilt by
/// applying blocks in order; <see cref="Apply"/> trusts that the block was validated. The indexes
/// live for the process and grow with every vote, so their keys are inline (<see cref="Key32"/>).
/// </summary>
public sealed class ChainState : IChainView
{
    private readonly Dictionary<ulong, ElectionRecord> _elections = [];
    private readonly Dictionary<Key32, TxLocation> _transactions = [];

    public ChainState(Genesis genesis)
    {
        Genesis = genesis;
        var block0 = genesis.GenesisBlock;
        Head = block0.Header;
        HeadHash = block0.Hash;
    }

    public Genesis Genesis { get; }
    public BlockHeader Head { get; private set; }
    public Hash32 HeadHash { get; private set; }
    public ulong Height => Head.Index;
    public int TransactionCount => _transactions.Count;

    public ElectionInfo? GetElection(ulong electionId) => _elections.GetValueOrDefault(electionId)?.Info;
    public bool IsElectionClosed(ulong electionId) => _elections.TryGetValue(electionId, out var e) && e.Closed;
    public bool IsElectionTallied(ulong electionId) => _elections.TryGetValue(electionId, out var e) && e.Tallied;
    public bool HasNullifier(ulong electionId, string nullifier) => _elections.TryGetValue(electionId, out var e) && e.Nullifiers.Contains(Key32.FromNullifier(nullifier));
    public bool HasBallotHash(ulong electionId, Hash32 ballotHash) => _elections.TryGetValue(electionId, out var e) && e.BallotHashes.Contains(Key32.From(ballotHash));
    public bool HasTransaction(Hash32 txHash) => _transactions.ContainsKey(Key32.From(txHash));
    /// <summary>
    /// Where a final transaction is. Safe from any thread while one thread applies blocks (a validator's RPC reads
    /// while its event loop commits): the index's writes and these reads share a lock held for one lookup.
    /// </summary>
    public bool TryGetLocation(Hash32 txHash, out TxLocation location)
    {
        lock (_transactions)
            return _transactions.TryGetValue(Key32.From(txHash), out location);
    }
    public IReadOnlyCollection<ulong> ElectionIds => _elections.Keys;

    public void Apply(Block block)
    {
        if (block.Index != Height + 1 || block.Header.PrevHash != HeadHash)
            throw new InvalidOperationException($"block {block.Index} does not extend head {Height}");
        foreach (var tx in block.Transactions)
            ApplyTransaction(tx);
        lock (_transactions)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
                _transactions[Key32.From(block.Transactions[i].Hash)] = new TxLocation(block.Index, i);
        }
        Head = block.Header;
        HeadHash = block.Hash;
    }

    internal void ApplyTransaction(Transaction tx)
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
            case TxKind.Vote:
                var e = _elections[tx.ElectionId];
                e.Nullifiers.Add(Key32.FromNullifier(tx.Nullifier));
                e.BallotHashes.Add(Key32.From(tx.BallotHash));
                break;
        }
    }

    private sealed class ElectionRecord(ElectionInfo info)
    {
        public ElectionInfo Info { get; } = info;
        public bool Closed { get; set; }
        public bool Tallied { get; set; }
        public HashSet<Key32> Nullifiers { get; } = [];
        public HashSet<Key32> BallotHashes { get; } = [];
    }
}
