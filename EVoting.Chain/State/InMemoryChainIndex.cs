namespace EVoting.Chain;

/// <summary>
/// The chain's indexes on the heap, for a process that checks a chain once and exits (the CLI's verify) and for
/// tests: ~220 bytes per vote (docs/benchmarks.md, "Memory"), so its keys are inline (<see cref="Key32"/>).
/// </summary>
public sealed class InMemoryChainIndex : IChainIndex
{
    private readonly Dictionary<Key32, TxLocation> _transactions = [];
    private readonly Dictionary<ulong, (HashSet<Key32> Nullifiers, HashSet<Key32> BallotHashes)> _elections = [];

    public ulong Height { get; private set; }
    public Hash32 HeadHash { get; private set; }

    public long TransactionCount
    {
        get { lock (_transactions) return _transactions.Count; }
    }

    public void Add(Block block)
    {
        if (block.Index != Height + 1)
            throw new InvalidOperationException($"block {block.Index} indexed after {Height}");
        lock (_transactions)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
                _transactions[Key32.From(block.Transactions[i].Hash)] = new TxLocation(block.Index, i);
        }
        foreach (var tx in block.Transactions)
        {
            if (tx.Kind != TxKind.Vote)
                continue;
            if (!_elections.TryGetValue(tx.ElectionId, out var sets))
                _elections[tx.ElectionId] = sets = ([], []);
            sets.Nullifiers.Add(Key32.FromNullifier(tx.Nullifier));
            sets.BallotHashes.Add(Key32.From(tx.BallotHash));
        }
        Height = block.Index;
        HeadHash = block.Hash;
    }

    public bool HasTransaction(Hash32 txHash) => TryGetLocation(txHash, out _);

    public bool TryGetLocation(Hash32 txHash, out TxLocation location)
    {
        lock (_transactions)
            return _transactions.TryGetValue(Key32.From(txHash), out location);
    }

    public bool HasNullifier(ulong electionId, string nullifier) =>
        _elections.TryGetValue(electionId, out var sets) && sets.Nullifiers.Contains(Key32.FromNullifier(nullifier));

    public bool HasBallotHash(ulong electionId, Hash32 ballotHash) =>
        _elections.TryGetValue(electionId, out var sets) && sets.BallotHashes.Contains(Key32.From(ballotHash));
}
