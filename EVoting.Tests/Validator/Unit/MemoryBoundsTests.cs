using EVoting.Chain;
using EVoting.Tests.Chain;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// What a validator keeps in memory per block or transaction is bounded (docs/validator.md,
/// "Memory"): the block cache, the ballot-verification cache, the gossip seen-set.
/// </summary>
public sealed class MemoryBoundsTests
{
    [Fact]
    public void The_block_cache_keeps_the_most_recently_used_blocks_within_the_count_bound()
    {
        var chain = new TestChain(validators: 1);
        var cache = new BlockCache(maxCount: 5, maxBytes: long.MaxValue);
        var blocks = new[] { chain.Commit(chain.Open(1)) }.Concat(Enumerable.Range(1, 19).Select(i => chain.Commit(chain.Vote(1, i)))).ToList();
        foreach (var block in blocks)
        {
            cache.Add(block);
            Assert.True(cache.Count <= 5);
        }
        Assert.Equal(5, cache.Count);
        Assert.False(cache.TryGet(15UL, out _));
        Assert.False(cache.TryGet(blocks[14].Hash, out _));
        for (var h = 16; h <= 20; h++)
        {
            Assert.True(cache.TryGet((ulong)h, out var byHeight));
            Assert.True(cache.TryGet(byHeight.Hash, out var byHash));
            Assert.Same(blocks[h - 1], byHash);
        }
        Assert.Equal(blocks.Skip(15).Sum(b => (long)b.Size), cache.Bytes);

        // A read makes a block recent: block 16 outlives 17 when an old block is read back.
        Assert.True(cache.TryGet(16UL, out _));
        cache.Add(blocks[0]);
        Assert.True(cache.TryGet(16UL, out _));
        Assert.False(cache.TryGet(17UL, out _));
        Assert.Equal(5, cache.Count);
    }

    [Fact]
    public void The_block_cache_keeps_within_the_byte_bound_but_always_the_newest_block()
    {
        var chain = new TestChain(validators: 1);
        chain.Commit(chain.Open(1));
        var blocks = Enumerable.Range(1, 10).Select(i => chain.Commit(chain.Vote(1, i), chain.Vote(1, 100 + i))).ToList();
        var size = blocks[0].Size;
        var cache = new BlockCache(maxCount: 100, maxBytes: 3L * size);
        foreach (var block in blocks)
        {
            cache.Add(block);
            Assert.True(cache.Bytes <= 3L * size);
        }
        Assert.Equal(3, cache.Count);

        var tiny = new BlockCache(maxCount: 100, maxBytes: 1);
        tiny.Add(blocks[0]);
        tiny.Add(blocks[1]);
        Assert.Equal(1, tiny.Count);
        Assert.True(tiny.TryGet(blocks[1].Index, out _));
    }

    [Fact]
    public void The_ballot_cache_forgets_final_transactions_and_never_exceeds_its_capacity()
    {
        var chain = new TestChain(validators: 1);
        var inner = new CountingRule();
        var cache = new CachingBallotRule(inner, capacity: 10);
        var election = new ElectionInfo(1, [0x02, .. Enumerable.Repeat((byte)7, 32)], 3, 1);
        var votes = Enumerable.Range(0, 50).Select(i => chain.Vote(1, i)).ToList();

        Assert.True(cache.Verify(election, votes[0], out _));
        Assert.True(cache.Verify(election, votes[0], out _));
        Assert.Equal(1, inner.Calls); // the second check is a hit

        var otherKey = election with { PublicKey = [0x03, .. Enumerable.Repeat((byte)7, 32)] };
        Assert.True(cache.Verify(otherKey, votes[0], out _));
        Assert.Equal(2, inner.Calls); // a success under one election key says nothing about another

        cache.Forget(votes[0].Hash);
        Assert.Equal(0, cache.Count);
        Assert.True(cache.Verify(election, votes[0], out _));
        Assert.Equal(3, inner.Calls);

        foreach (var vote in votes)
        {
            cache.Verify(election, vote, out _);
            Assert.True(cache.Count <= 10);
        }
        Assert.Equal(10, cache.Count);
        var calls = inner.Calls;
        Assert.True(cache.Verify(election, votes[^1], out _)); // the newest stay
        Assert.Equal(calls, inner.Calls);

        // Forgotten entries do not make the bookkeeping grow either: add and forget many times over.
        foreach (var vote in votes.Concat(votes))
        {
            cache.Verify(election, vote, out _);
            cache.Forget(vote.Hash);
        }
        Assert.Equal(0, cache.Count);
        Assert.True(cache.QueuedHashes <= 20);
    }

    [Fact]
    public void The_gossip_seen_set_forgets_the_oldest_hashes_beyond_its_capacity()
    {
        var seen = new SeenSet(capacity: 3);
        var hashes = Enumerable.Range(0, 5).Select(i => Keccak.Hash32(BitConverter.GetBytes(i))).ToArray();
        foreach (var hash in hashes)
            Assert.True(seen.Add(hash));
        Assert.False(seen.Add(hashes[4]));
        Assert.Equal(3, seen.Count);
        Assert.True(seen.Add(hashes[0])); // pushed out, so new again
        Assert.Equal(3, seen.Count);
    }

    private sealed class CountingRule : IBallotRule
    {
        public int Calls { get; private set; }

        public bool Verify(ElectionInfo election, Transaction vote, out string? error)
        {
            Calls++;
            error = null;
            return true;
        }
    }
}
