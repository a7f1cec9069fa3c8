using System.Diagnostics;
using EVoting.Chain;

namespace EVoting.Validator.Node;

/// <summary>
/// Transactions admitted but not final, in arrival order. Bounded by count and bytes; at most one
/// transaction per hash, per (election, nullifier) and per (election, ballot hash). Each entry keeps
/// the trace context of its admission so the tx's later spans (included, final) join its trace.
/// Not thread-safe: the node's event loop owns it.
/// </summary>
public sealed class Mempool(int maxCount, long maxBytes)
{
    private readonly Dictionary<Hash32, Entry> _byHash = [];
    private readonly LinkedList<Entry> _order = [];
    private readonly Dictionary<(ulong, string), Hash32> _nullifiers = [];
    private readonly Dictionary<(ulong, Hash32), Hash32> _ballots = [];
    // Pending election_open / election_close per election, so admitting a vote does not scan the pool.
    private readonly Dictionary<ulong, Transaction> _opens = [];
    private readonly Dictionary<ulong, Hash32> _closes = [];
    private readonly Dictionary<ulong, Hash32> _tallies = [];

    public sealed record Entry(Transaction Transaction, ActivityContext Trace)
    {
        internal LinkedListNode<Entry>? Node { get; set; }
    }

    public int Count => _byHash.Count;

    public long Bytes { get; private set; }

    public bool Contains(Hash32 hash) => _byHash.ContainsKey(hash);

    public bool TryGet(Hash32 hash, out Entry entry) => _byHash.TryGetValue(hash, out entry!);

    public bool HasNullifier(ulong election, string nullifier) => _nullifiers.ContainsKey((election, nullifier));

    public bool HasBallotHash(ulong election, Hash32 ballot) => _ballots.ContainsKey((election, ballot));

    /// <summary>The pending election_open of this election, if one is in the pool.</summary>
    public Transaction? PendingOpen(ulong election) => _opens.GetValueOrDefault(election);

    public bool HasPendingClose(ulong election) => _closes.ContainsKey(election);

    public bool HasPendingTally(ulong election) => _tallies.ContainsKey(election);

    public IEnumerable<Entry> InOrder => _order;

    /// <summary>Null when added; otherwise why not (a duplicate or a full pool).</summary>
    public string? TryAdd(Transaction tx, ActivityContext trace)
    {
        if (_byHash.ContainsKey(tx.Hash))
            return ValidationErrors.TxDuplicate;
        if (tx.Kind == TxKind.Vote && _nullifiers.ContainsKey((tx.ElectionId, tx.Nullifier)))
            return ValidationErrors.VoteDuplicateNullifier;
        if (tx.Kind == TxKind.Vote && _ballots.ContainsKey((tx.ElectionId, tx.BallotHash)))
            return ValidationErrors.VoteDuplicateBallotHash;
        if (_byHash.Count >= maxCount || Bytes + tx.Size > maxBytes)
            return PoolFull;
        var entry = new Entry(tx, trace);
        entry.Node = _order.AddLast(entry);
        _byHash[tx.Hash] = entry;
        Bytes += tx.Size;
        switch (tx.Kind)
        {
            case TxKind.Vote:
                _nullifiers[(tx.ElectionId, tx.Nullifier)] = tx.Hash;
                _ballots[(tx.ElectionId, tx.BallotHash)] = tx.Hash;
                break;
            // Admission refuses a second open or close of an election, so the first one is the one.
            case TxKind.ElectionOpen:
                _opens.TryAdd(tx.ElectionId, tx);
                break;
            case TxKind.ElectionClose:
                _closes.TryAdd(tx.ElectionId, tx.Hash);
                break;
            case TxKind.ElectionTally:
                _tallies.TryAdd(tx.ElectionId, tx.Hash);
                break;
        }
        return null;
    }

    public const string PoolFull = "transaction pool is full";

    public bool Remove(Hash32 hash)
    {
        if (!_byHash.Remove(hash, out var entry))
            return false;
        _order.Remove(entry.Node!);
        Bytes -= entry.Transaction.Size;
        var tx = entry.Transaction;
        switch (tx.Kind)
        {
            case TxKind.Vote:
                _nullifiers.Remove((tx.ElectionId, tx.Nullifier));
                _ballots.Remove((tx.ElectionId, tx.BallotHash));
                break;
            case TxKind.ElectionOpen when _opens.TryGetValue(tx.ElectionId, out var open) && open.Hash == hash:
                _opens.Remove(tx.ElectionId);
                break;
            case TxKind.ElectionClose when _closes.TryGetValue(tx.ElectionId, out var close) && close == hash:
                _closes.Remove(tx.ElectionId);
                break;
            case TxKind.ElectionTally when _tallies.TryGetValue(tx.ElectionId, out var tally) && tally == hash:
                _tallies.Remove(tx.ElectionId);
                break;
        }
        return true;
    }

    /// <summary>Drops what a final block included, and anything the block made invalid (same nullifier or ballot, a second tally).</summary>
    public void RemoveFinal(Block block, IChainView chain)
    {
        foreach (var tx in block.Transactions)
            Remove(tx.Hash);
        var stale = _order.Where(e => e.Transaction.Kind == TxKind.Vote
                && (chain.HasNullifier(e.Transaction.ElectionId, e.Transaction.Nullifier)
                    || chain.HasBallotHash(e.Transaction.ElectionId, e.Transaction.BallotHash)
                    || chain.IsElectionClosed(e.Transaction.ElectionId))
                || e.Transaction.Kind == TxKind.ElectionTally && chain.IsElectionTallied(e.Transaction.ElectionId))
            .Select(e => e.Transaction.Hash).ToList();
        foreach (var hash in stale)
            Remove(hash);
    }
}
