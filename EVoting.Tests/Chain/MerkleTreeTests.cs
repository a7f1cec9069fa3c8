using EVoting.Chain;

namespace EVoting.Tests.Chain;

public class MerkleTreeTests
{
    private static Hash32[] Leaves(int n) => Enumerable.Range(0, n).Select(i => Keccak.Hash32(BitConverter.GetBytes(i))).ToArray();

    [Fact]
    public void Root_follows_rfc6962_shape_with_keccak()
    {
        var l = Leaves(3);
        var expected = MerkleTree.NodeHash(
            MerkleTree.NodeHash(MerkleTree.LeafHash(l[0]), MerkleTree.LeafHash(l[1])),
            MerkleTree.LeafHash(l[2]));
        Assert.Equal(expected, MerkleTree.Root(l));
        Assert.Equal(Keccak.Hash32([]), MerkleTree.Root([]));
        Assert.Equal(MerkleTree.LeafHash(l[0]), MerkleTree.Root(l[..1]));
    }

    [Fact]
    public void Leaf_and_node_hashes_are_domain_separated()
    {
        var h = Keccak.Hash32("x"u8);
        Assert.Equal(Keccak.Hash32([0x00, .. h.Span]), MerkleTree.LeafHash(h));
        Assert.Equal(Keccak.Hash32([0x01, .. h.Span, .. h.Span]), MerkleTree.NodeHash(h, h));
    }

    [Fact]
    public void Every_leaf_of_every_tree_size_has_a_valid_proof()
    {
        for (var n = 1; n <= 33; n++)
        {
            var leaves = Leaves(n);
            var root = MerkleTree.Root(leaves);
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.Proof(leaves, i);
                Assert.True(MerkleTree.Verify(leaves[i], i, n, proof, root), $"n={n} i={i}");
                Assert.True(proof.Count <= Math.Ceiling(Math.Log2(n)));
            }
        }
    }

    [Fact]
    public void A_proof_checked_at_the_wrong_index_fails()
    {
        var leaves = Leaves(7);
        var root = MerkleTree.Root(leaves);
        var proof = MerkleTree.Proof(leaves, 2);
        Assert.False(MerkleTree.Verify(leaves[2], 3, 7, proof, root));
        Assert.False(MerkleTree.Verify(leaves[2], 7, 7, proof, root));
        Assert.False(MerkleTree.Verify(leaves[2], -1, 7, proof, root));
    }

    [Fact]
    public void A_proof_checked_against_the_wrong_root_fails()
    {
        var leaves = Leaves(7);
        var proof = MerkleTree.Proof(leaves, 2);
        Assert.False(MerkleTree.Verify(leaves[2], 2, 7, proof, MerkleTree.Root(Leaves(8))));
    }

    [Fact]
    public void A_tampered_or_truncated_proof_fails()
    {
        var leaves = Leaves(9);
        var root = MerkleTree.Root(leaves);
        var proof = MerkleTree.Proof(leaves, 4).ToList();
        Assert.False(MerkleTree.Verify(leaves[4], 4, 9, proof[..^1], root));
        Assert.False(MerkleTree.Verify(leaves[4], 4, 9, [.. proof, Hash32.Zero], root));
        proof[0] = Keccak.Hash32("evil"u8);
        Assert.False(MerkleTree.Verify(leaves[4], 4, 9, proof, root));
        Assert.False(MerkleTree.Verify(leaves[5], 4, 9, MerkleTree.Proof(leaves, 4), root));
    }

    [Fact]
    public void The_levels_build_the_same_tree_and_paths_as_rfc6962s_recursive_definition()
    {
        for (var n = 1; n <= 70; n++)
        {
            var leaves = Leaves(n);
            var levels = MerkleTree.Levels(leaves);
            Assert.Equal(RfcRoot(leaves, 0, n), levels[^1].Single());
            Assert.Equal(RfcRoot(leaves, 0, n), MerkleTree.Root(leaves));
            for (var i = 0; i < n; i++)
            {
                var expected = new List<Hash32>();
                RfcPath(leaves, i, 0, n, expected);
                Assert.Equal(expected, MerkleTree.Proof(levels, i));
            }
        }
    }

    [Fact]
    public void A_blocks_inclusion_proofs_check_against_its_transactions_root()
    {
        var chain = new TestChain();
        var block = chain.Propose([.. Enumerable.Range(0, 11).Select(i => chain.Vote(1, i))]);
        var hashes = block.TransactionHashes();

        for (var i = 0; i < hashes.Count; i++)
        {
            Assert.Equal(MerkleTree.Proof(hashes, i), block.InclusionProof(i));
            Assert.True(MerkleTree.Verify(hashes[i], i, hashes.Count, block.InclusionProof(i), block.Header.TransactionsRoot));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => block.InclusionProof(hashes.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.InclusionProof(-1));
    }

    // RFC 6962 §2.1 as written: MTH splits at the largest power of two below n; PATH collects
    // the other side's subtree root from the leaf up. Kept apart from MerkleTree on purpose.
    private static Hash32 RfcRoot(Hash32[] d, int start, int n)
    {
        if (n == 1) return MerkleTree.LeafHash(d[start]);
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return MerkleTree.NodeHash(RfcRoot(d, start, k), RfcRoot(d, start + k, n - k));
    }

    private static void RfcPath(Hash32[] d, int m, int start, int n, List<Hash32> path)
    {
        if (n == 1) return;
        var k = 1;
        while (k << 1 < n) k <<= 1;
        if (m < k)
        {
            RfcPath(d, m, start, k, path);
            path.Add(RfcRoot(d, start + k, n - k));
        }
        else
        {
            RfcPath(d, m - k, start + k, n - k, path);
            path.Add(RfcRoot(d, start, k));
        }
    }
}
