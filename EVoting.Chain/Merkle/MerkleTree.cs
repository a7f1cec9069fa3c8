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
        leaves.Count == 0 ? Keccak.Hash32([]) : Levels(leaves)[^1][0];

    /// <summary>
    /// The tree level by level from the bottom: the leaf hashes first, the root alone last. Each
    /// level pairs its nodes left to right and an odd last node moves up unpaired, which builds
    /// exactly RFC 6962's tree (split at the largest power of two below n) with 2n − 1 hashes; kept,
    /// it answers every proof in log2(n) steps (<see cref="Block.InclusionProof"/>).
    /// </summary>
    public static Hash32[][] Levels(IReadOnlyList<Hash32> leaves)
    {
        if (leaves.Count == 0) throw new ArgumentException("a tree has at least one leaf", nameof(leaves));
        var level = new Hash32[leaves.Count];
        for (var i = 0; i < level.Length; i++)
            level[i] = LeafHash(leaves[i]);
        var levels = new List<Hash32[]> { level };
        while (level.Length > 1)
        {
            var up = new Hash32[(level.Length + 1) / 2];
            for (var i = 0; i + 1 < level.Length; i += 2)
                up[i / 2] = NodeHash(level[i], level[i + 1]);
            if (level.Length % 2 == 1)
                up[^1] = level[^1];
            levels.Add(up);
            level = up;
        }
        return [.. levels];
    }

    public static IReadOnlyList<Hash32> Proof(IReadOnlyList<Hash32> leaves, int index)
    {
        if (index < 0 || index >= leaves.Count) throw new ArgumentOutOfRangeException(nameof(index));
        return Proof(Levels(leaves), index);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in a tree built by <see cref="Levels"/>: the sibling nearest the leaf first.</summary>
    public static IReadOnlyList<Hash32> Proof(Hash32[][] levels, int index)
    {
        if (index < 0 || index >= levels[0].Length) throw new ArgumentOutOfRangeException(nameof(index));
        var path = new List<Hash32>(levels.Length - 1);
        for (var depth = 0; depth < levels.Length - 1; depth++, index >>= 1)
        {
            // A node without a sibling moved up unpaired: nothing to add at this level.
            if ((index ^ 1) < levels[depth].Length)
                path.Add(levels[depth][index ^ 1]);
        }
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
