using System.Diagnostics;
using EVoting.Chain;
using EVoting.Tests.Validator.Simulation;
using EVoting.Validator.Node;
using EVoting.Validator.Storage;
using EVoting.Validator.Telemetry;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// "New" or "wiped" is decided from the data directory alone (issue 15 item 6; docs/consensus.md#lost-state-wiped-data-directory):
/// a node whose store has blocks or the signed marker but no signing state abstains for a height; a brand-new
/// directory votes at once, whatever peers claim and whenever they speak.
/// </summary>
public sealed class WipeDetectionTests : IDisposable
{
    private static readonly ActivitySource Spans = new("EVoting.Tests.WipeDetection");
    private readonly Genesis _genesis;
    private readonly EthKey _key;
    private readonly ManualClock _clock;
    private readonly ValidatorTelemetry _telemetry = new(Spans, () => default);
    private readonly CachingBallotRule _ballots = new(new EVoting.Ballots.BallotRule(), 16);

    public WipeDetectionTests()
    {
        // One validator: it is a quorum alone, so a block becomes final inside one input.
        _genesis = TestTransactions.CreateGenesis(1, out var keys, out _);
        _key = keys[0];
        _clock = new ManualClock(_genesis.Timestamp * 1000 + 60_000);
    }

    [Fact]
    public void A_new_directory_votes_at_once_even_when_a_peer_claims_a_height_first()
    {
        var core = Core(new MemoryChainStore());
        core.Handle(new PeerConnected(EthKey.Generate().Address, 1_000));
        core.Handle(new StartConsensus());
        Assert.False(core.StartedWithLostState);
        Assert.False(core.Engine!.IsAbstaining);
        Assert.Equal(1UL, core.State.Height); // it signed and finalized block 1 on its own
    }

    [Fact]
    public void A_node_that_crashed_before_it_ever_signed_is_still_new()
    {
        var store = new MemoryChainStore();
        _ = Core(store); // built, never started: nothing signed, no marker
        Assert.False(Started(store).Engine!.IsAbstaining);
    }

    [Fact]
    public void A_node_that_lost_its_database_but_not_the_marker_abstains()
    {
        var store = new MemoryChainStore();
        Started(store);
        Assert.True(store.HasSigned);
        store.LoseDatabase();
        var restarted = Started(store);
        Assert.True(restarted.StartedWithLostState);
        Assert.True(restarted.Engine!.IsAbstaining);
        Assert.Equal(0UL, restarted.State.Height); // it did not sign a block alone
    }

    [Fact]
    public void A_node_with_blocks_but_no_signing_state_abstains()
    {
        var signer = new MemoryChainStore();
        Started(signer);
        var synced = new MemoryChainStore(); // blocks only, as a node that synced and never signed
        synced.AppendBlock(signer.LoadBlock(1)!);
        Assert.True(Started(synced).Engine!.IsAbstaining);
    }

    [Fact]
    public void A_deleted_directory_is_a_new_node_by_design()
    {
        var store = new MemoryChainStore();
        Started(store);
        store.LoseDirectory();
        Assert.False(Started(store).Engine!.IsAbstaining); // docs/consensus.md: the operator must not do this to a key that signed
    }

    [Fact]
    public void The_sqlite_store_keeps_the_marker_beside_the_database()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evoting-wipe-" + Guid.NewGuid().ToString("n")[..8]);
        try
        {
            using (var store = new ChainStore(dir))
            {
                Assert.False(store.HasSigned);
                Started(store);
                Assert.True(store.HasSigned);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(dir, "chain.db*"))
                File.Delete(file);
            using var wiped = new ChainStore(dir);
            Assert.True(wiped.HasSigned);
            Assert.Null(wiped.LoadSigningState());
            Assert.True(Started(wiped).Engine!.IsAbstaining);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private NodeCore Core(IChainStore store) => new(_genesis, _key, store, _ballots, _clock, _telemetry);

    /// <summary>A core started on <paramref name="store"/> (a process start on that data directory).</summary>
    private NodeCore Started(IChainStore store)
    {
        var core = Core(store);
        core.Handle(new StartConsensus());
        return core;
    }

    public void Dispose() => _telemetry.Dispose();

    private sealed class ManualClock(long unixMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    }
}
