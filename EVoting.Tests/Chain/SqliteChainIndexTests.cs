using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>
/// The SQLite index outlives the process: reopened, it keeps its rows and height, and a chain state replaying the
/// blocks adds only the ones above that height (a crash may leave it behind the blocks, never ahead); blocks of
/// another chain at its height are refused (docs/validator.md, "Store").
/// </summary>
public sealed class SqliteChainIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evoting-sqlite-index-").FullName;

    private string IndexPath => Path.Combine(_dir, "index.db");

    [Fact]
    public void A_reopened_index_keeps_its_rows_and_height_and_a_replay_adds_only_newer_blocks()
    {
        var chain = new TestChain();
        var blocks = new[]
        {
            chain.Commit(chain.Open(1)), chain.Commit(chain.Vote(1, 1), chain.Vote(1, 2)), chain.Commit(chain.Vote(1, 3)),
            chain.Commit(chain.Vote(1, 4)),
        };
        using (var index = new SqliteChainIndex(IndexPath))
        {
            var first = new ChainState(chain.Genesis, index);
            foreach (var block in blocks[..3])
                first.Apply(block);
            Assert.Equal(3ul, index.Height);
            Assert.Equal(blocks[2].Hash, index.HeadHash);
        }

        using var reopened = new SqliteChainIndex(IndexPath);
        Assert.Equal(3ul, reopened.Height);
        Assert.Equal(blocks[2].Hash, reopened.HeadHash);
        Assert.Equal(4, reopened.TransactionCount);
        var replay = new ChainState(chain.Genesis, reopened);
        foreach (var block in blocks[..3])
            replay.Apply(block);
        Assert.Equal(4, replay.TransactionCount);
        Assert.True(replay.HasNullifier(1, TestChain.Nullifier(3)));
        Assert.False(replay.HasNullifier(1, TestChain.Nullifier(4)));

        replay.Apply(blocks[3]);
        Assert.Equal(4ul, reopened.Height);
        Assert.True(replay.HasNullifier(1, TestChain.Nullifier(4)));
        Assert.True(replay.TryGetLocation(blocks[3].Transactions[0].Hash, out var at));
        Assert.Equal(new TxLocation(4, 0), at);
    }

    [Fact]
    public void An_index_behind_the_blocks_is_caught_up_by_the_replay()
    {
        var chain = new TestChain();
        var blocks = new[] { chain.Commit(chain.Open(1)), chain.Commit(chain.Vote(1, 1)), chain.Commit(chain.Vote(1, 2)) };
        using (var partial = new SqliteChainIndex(IndexPath))
            partial.Add(blocks[0]); // what a crash after the first block's index write leaves

        using var index = new SqliteChainIndex(IndexPath);
        var state = new ChainState(chain.Genesis, index);
        foreach (var block in blocks)
            state.Apply(block);

        Assert.Equal(3ul, index.Height);
        Assert.Equal(3, state.TransactionCount);
        Assert.True(state.HasNullifier(1, TestChain.Nullifier(1)));
        Assert.True(state.HasNullifier(1, TestChain.Nullifier(2)));
    }

    [Fact]
    public void Blocks_of_another_chain_at_the_index_height_are_refused()
    {
        var ours = new TestChain();
        using var index = new SqliteChainIndex(IndexPath);
        index.Add(ours.Commit(ours.Open(1)));

        var theirs = new TestChain();
        var state = new ChainState(theirs.Genesis, index);
        var error = Assert.Throws<InvalidOperationException>(() => state.Apply(theirs.Commit(theirs.Open(1))));
        Assert.Contains("another chain", error.Message);
    }

    [Fact]
    public void A_block_out_of_order_is_refused_and_nothing_of_it_is_indexed()
    {
        var chain = new TestChain();
        var first = chain.Commit(chain.Open(1));
        var second = chain.Commit(chain.Vote(1, 1));
        using var index = new SqliteChainIndex(IndexPath);

        Assert.Throws<InvalidOperationException>(() => index.Add(second));
        Assert.Equal(0ul, index.Height);
        Assert.False(index.HasTransaction(second.Transactions[0].Hash));
        index.Add(first);
        index.Add(second);
        Assert.True(index.HasNullifier(1, TestChain.Nullifier(1)));
    }

    [Fact]
    public async Task Locations_are_read_from_other_threads_while_blocks_are_added()
    {
        using var index = new SqliteChainIndex(IndexPath);
        var chain = new TestChain(index: index);
        var blocks = new List<Block>();
        var writer = Task.Run(() =>
        {
            for (var h = 0; h <= 30; h++)
            {
                var block = chain.Propose(h == 0 ? [chain.Open(1)] : [.. Enumerable.Range(h * 10, 10).Select(v => chain.Vote(1, v))]);
                chain.State.Apply(block);
                lock (blocks)
                    blocks.Add(block);
            }
        }, TestContext.Current.CancellationToken);
        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            Block[] applied;
            lock (blocks)
                applied = [.. blocks];
            foreach (var block in applied)
            {
                Assert.True(index.TryGetLocation(block.Transactions[^1].Hash, out var at));
                Assert.Equal(block.Index, at.BlockNumber);
                reads++;
            }
        }
        await writer;
        Assert.Equal(31ul, index.Height);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
