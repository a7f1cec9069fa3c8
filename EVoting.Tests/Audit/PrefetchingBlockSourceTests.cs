using EVoting.Audit;
using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Tests.Chain;

namespace EVoting.Tests.Audit;

/// <summary>`evoting verify` reads ahead while it checks: the same report, blocks in order, a bounded number held.</summary>
public sealed class PrefetchingBlockSourceTests
{
    [Fact]
    public async Task Reading_ahead_gives_the_auditor_every_block_in_order_with_at_most_depth_reads_in_flight_and_none_past_the_height()
    {
        var chain = new TestChain(validators: 3);
        var blocks = new List<Block> { chain.Genesis.GenesisBlock };
        for (var i = 0; i < 40; i++)
            blocks.Add(chain.Commit());
        var slow = new SlowSource(blocks, height: 30);
        var progress = new List<ulong>();
        var source = new PrefetchingBlockSource(slow, depth: 4) { Progress = (n, _) => progress.Add(n) };

        var report = await new ChainAuditor(chain.Genesis, new BallotRule()).AdvanceAsync(source, TestContext.Current.CancellationToken);

        Assert.True(report.ChainValid, string.Join("\n", report.Errors));
        Assert.Equal(30UL, report.CheckedBlocks);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => (ulong)n), progress);
        Assert.InRange(slow.MaxInFlight, 2, 4);
        Assert.All(slow.Reads, n => Assert.InRange(n, 0UL, 30UL));
        Assert.Equal(31, slow.Reads.Distinct().Count()); // each block read once
    }

    private sealed class SlowSource(List<Block> blocks, ulong height) : IBlockSource
    {
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public System.Collections.Concurrent.ConcurrentBag<ulong> Reads { get; } = [];

        public Task<ulong> GetHeightAsync(CancellationToken ct) => Task.FromResult(height);

        public async Task<Block?> GetBlockAsync(ulong number, CancellationToken ct)
        {
            Reads.Add(number);
            var now = Interlocked.Increment(ref _inFlight);
            lock (Reads) MaxInFlight = Math.Max(MaxInFlight, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref _inFlight);
            return blocks[(int)number];
        }
    }
}
