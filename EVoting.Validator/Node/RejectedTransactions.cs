using EVoting.Chain;
using EVoting.Validator.Collections;

namespace EVoting.Validator.Node;

/// <summary>
/// Transactions refused for what they are, not for the chain's state: a bad signature, an unauthorised signer,
/// a wrong chain id or size, a ballot whose proofs fail. A copy sent again (by a client's retry loop, a batch of
/// junk, or gossip) is refused from here without recovering a signer or checking a proof again. An entry is keyed
/// by the transaction hash and its signature (the hash does not cover the signature, so a copy with a forged
/// signature never stands for the genuine one), and a failed proof also by the election key it was checked against.
/// Refusals that depend on the chain (unknown election, duplicate vote) are never kept: they can change.
/// Bounded, oldest out first.
/// </summary>
public sealed class RejectedTransactions(int capacity = RejectedTransactions.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly BoundedFifoMap<Hash32, (string Reason, byte[]? ElectionKey)> _entries = new(capacity);

    public int Count => _entries.Count;

    /// <summary>The reason this exact transaction was refused before, or null. <paramref name="electionKey"/>: the key its ballot would be checked against now.</summary>
    public string? Find(Transaction tx, byte[]? electionKey)
    {
        if (!_entries.TryGetValue(KeyOf(tx), out var entry))
            return null;
        return entry.ElectionKey is null || (electionKey is not null && entry.ElectionKey.AsSpan().SequenceEqual(electionKey)) ? entry.Reason : null;
    }

    /// <summary>Remembers an intrinsic refusal; <paramref name="electionKey"/> for a failed ballot proof, else null.</summary>
    public void Remember(Transaction tx, string reason, byte[]? electionKey) => _entries.TryAdd(KeyOf(tx), (reason, electionKey));

    private static Hash32 KeyOf(Transaction tx) => Keccak.Hash32([.. tx.Hash.Span, .. tx.Signature.Span]);
}
