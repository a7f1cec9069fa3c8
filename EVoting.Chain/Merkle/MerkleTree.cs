namespace EVoting.Chain;

/// <summary>
/// The Merkle tree of a block's transaction hashes, shaped as RFC 6962 §2.1 with Keccak-256:
/// leaf = K(0x00 ‖ tx_hash), node = K(0x01 ‖ left ‖ right), the split at the largest power of two
/// below n, empty tree = K(""). The prefixes keep a leaf from passing as a node. A proof is the
/// audit path from the leaf up, so its length is about log2(n).
/// </summary>
public static class MerkleTree
{
    public static Hash32 Root(IReadOnlyList<Hash32> leaves) =>
        leaves.Count == 0 ? Keccak.Hash32([]) : Subtree(leaves, 0, leaves.Count);

    public static IReadOnlyList<Hash32> Proof(IReadOnlyList<Hash32> leaves, int index)
    {
        if (index < 0 || index >= leaves.Count) throw new ArgumentOutOfRangeException(nameof(index));
        var path = new List<Hash32>();
        CollectPath(leaves, index, 0, leaves.Count, path);
        return path;
    }

    public static bool Verify(Hash32 leaf, int index, int count, IReadOnlyList<Hash32> proof, Hash32 root)
    {
        if (index < 0 || index >= count) return false;
        var used = 0;
        var computed = Recompute(LeafHash(leaf), index, 0, count, proof, ref used);
        return computed is { } c && used == proof.Count && c == root;
    }

    public static Hash32 LeafHash(Hash32 txHash)
    {
        Span<byte> buf = stackalloc byte[33];
        buf[0] = 0x00;
        txHash.Span.CopyTo(buf[1..]);
        return Keccak.Hash32(buf);
    }

    public static Hash32 NodeHash(Hash32 left, Hash32 right)
    {
        Span<byte> buf = stackalloc byte[65];
        buf[0] = 0x01;
        left.Span.CopyTo(buf[1..]);
        right.Span.CopyTo(buf[33..]);
        return Keccak.Hash32(buf);
    }

    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static Hash32 Subtree(IReadOnlyList<Hash32> leaves, int start, int count)
    {
        if (count == 1) return LeafHash(leaves[start]);
        var k = Split(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    // Path order: the sibling nearest the leaf first, the root's child last.
    private static void CollectPath(IReadOnlyList<Hash32> leaves, int index, int start, int count, List<Hash32> path)
    {
        if (count == 1) return;
        var k = Split(count);
        if (index < k)
        {
            CollectPath(leaves, index, start, k, path);
            path.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            CollectPath(leaves, index - k, start + k, count - k, path);
            path.Add(Subtree(leaves, start, k));
        }
    }

    private static Hash32? Recompute(Hash32 leafHash, int index, int start, int count, IReadOnlyList<Hash32> proof, ref int used)
    {
        if (count == 1) return leafHash;
        var k = Split(count);
        if (index < k)
        {
            var left = Recompute(leafHash, index, start, k, proof, ref used);
            if (left is null || used >= proof.Count) return null;
            return NodeHash(left.Value, proof[used++]);
        }
        var right = Recompute(leafHash, index - k, start + k, count - k, proof, ref used);
        if (right is null || used >= proof.Count) return null;
        return NodeHash(proof[used++], right.Value);
    }
}
