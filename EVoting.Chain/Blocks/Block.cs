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
}
