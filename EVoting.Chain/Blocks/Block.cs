using System.Runtime.CompilerServices;

namespace EVoting.Chain;

/// <summary>
/// A block: header, transactions, the hash as carried (checked against the header by validation),
/// the proposer's signature over the hash, and the commit certificate once final.
/// </summary>
public sealed record Block(
    BlockHeader Header,
    IReadOnlyList<Transaction> Transactions,
    Hash32 Hash,
    Signature Signature,
    CommitCertificate? Commit = null)
{
    public ulong Index => Header.Index;

    /// <summary>Builds a block over <paramref name="transactions"/> and signs it as <paramref name="proposer"/>.</summary>
    public static Block Create(
        ulong chainId, ulong index, Hash32 prevHash, long timestampMs, int round,
        IReadOnlyList<Transaction> transactions, EthKey proposer)
    {
        var header = new BlockHeader(
            chainId, index, prevHash, timestampMs,
            MerkleTree.Root(transactions.Select(t => t.Hash).ToArray()),
            proposer.Address, round, transactions.Count);
        var hash = header.ComputeHash();
        return new Block(header, transactions, hash, proposer.Sign(hash));
    }

    public Block WithCommit(CommitCertificate commit) => this with { Commit = commit };

    /// <summary>Canonical size for limits: header, transactions and signatures.</summary>
    public int Size => Header.Encode().Length + Signature.Length + Transactions.Sum(t => t.Size);

    public IReadOnlyList<Hash32> TransactionHashes() => Transactions.Select(t => t.Hash).ToArray();

    /// <summary>Each block's Merkle tree once some proof was asked of it, for as long as the block lives (not a field: a record's fields are its equality).</summary>
    private static readonly ConditionalWeakTable<Block, Hash32[][]> s_trees = new();

    /// <summary>
    /// The Merkle audit path of transaction <paramref name="index"/> against the transactions root.
    /// Receipts ask it of the same block once per vote, so the tree is built on the first call
    /// (2n − 1 hashes) and each proof after that is log2(n) lookups.
    /// </summary>
    public IReadOnlyList<Hash32> InclusionProof(int index)
    {
        if (index < 0 || index >= Transactions.Count) throw new ArgumentOutOfRangeException(nameof(index));
        return MerkleTree.Proof(s_trees.GetValue(this, static b => MerkleTree.Levels(b.TransactionHashes())), index);
    }
}
