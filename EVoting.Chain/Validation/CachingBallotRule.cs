using System.Collections.Concurrent;
namespace EVoting.Chain;

/// <summary>
/// Remembers which ballots already verified (by transaction hash, for the election key they were
/// checked against), so a vote is proven once per process. A validator proves a vote at admission —
/// off the event loop — and not again when its block is proposed, validated or committed; the API's
/// chain audit takes the verdicts its submit path recorded (<see cref="Remember"/>). Only successes
/// are cached. An entry is needed only until its transaction is final, so a node forgets it then
/// (<see cref="Forget"/>); the capacity bounds what is left over, oldest out first.
/// </summary>
public sealed class CachingBallotRule(IBallotRule inner, int capacity) : IBallotRule
{

    // The value is the election key the proof was checked against (the ElectionInfo's own array, not a copy).
    private readonly ConcurrentDictionary<Hash32, byte[]> _verified = new();
    private readonly ConcurrentQueue<Hash32> _order = new();
    private long _proofChecks;

    public int Count => _verified.Count;

    /// <summary>
    /// Ballots whose proofs this process has checked (handed to the inner rule: not found here), since start. An
    /// operator's and a test's measure of what admission costs (<c>poa_status</c>'s ballot_proof_checks).
    /// </summary>
    public long ProofChecks => Interlocked.Read(ref _proofChecks);

    /// <summary>Hashes in the eviction order (forgotten ones included until they reach the front).</summary>
    internal int QueuedHashes => _order.Count;

    public bool Verify(ElectionInfo election, Transaction vote, out string? error)
    {
        if (IsVerified(election, vote))
        {
            error = null;
            return true;
        }
        Interlocked.Increment(ref _proofChecks);
        if (!inner.Verify(election, vote, out error))
            return false;
        Remember(vote.Hash, election.PublicKey);
        return true;
    }

    public string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
    {
        var results = new string?[items.Count];
        var pending = new List<int>();
        for (var i = 0; i < items.Count; i++)
            if (!IsVerified(items[i].Election, items[i].Vote))
                pending.Add(i);
        if (pending.Count == 0)
            return results;
        Interlocked.Add(ref _proofChecks, pending.Count);
        var verified = inner.VerifyBatch(pending.Select(i => items[i]).ToList());
        for (var j = 0; j < pending.Count; j++)
        {
            var i = pending[j];
            results[i] = verified[j];
            if (verified[j] is null)
                Remember(items[i].Vote.Hash, items[i].Election.PublicKey);
        }
        return results;
    }

    /// <summary>Drops a transaction's entry (it is final: its proof is never checked again on this node).</summary>
    public void Forget(Hash32 txHash) => _verified.TryRemove(txHash, out _);

    private bool IsVerified(ElectionInfo election, Transaction vote) =>
        _verified.TryGetValue(vote.Hash, out var key) && key.AsSpan().SequenceEqual(election.PublicKey);

    /// <summary>Records that <paramref name="txHash"/>'s ballot proofs hold under <paramref name="electionKey"/> (checked elsewhere in this process's trust domain).</summary>
    public void Remember(Hash32 txHash, byte[] electionKey)
    {
        _verified[txHash] = electionKey;
        _order.Enqueue(txHash);
        // Forgotten entries leave their hash in the queue until it reaches the front; the queue is
        // bounded too (twice the capacity), so it cannot grow either.
        while ((_verified.Count > capacity || _order.Count > 2 * capacity) && _order.TryDequeue(out var old))
            _verified.TryRemove(old, out _);
    }
}
