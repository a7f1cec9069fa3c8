using EVoting.Bootnode;
using Microsoft.Extensions.Time.Testing;

namespace EVoting.Tests.Bootnode;

public sealed class PeerRegistryTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    private PeerEntry Entry(string nodeId, string address, int port) => new(nodeId, "127.0.0.1", port, port + 1, address, _clock.GetUtcNow());

    [Fact]
    public void A_node_id_stays_with_its_key_while_live_and_moves_once_the_holder_is_stale()
    {
        var registry = new PeerRegistry(_clock) { StaleAfter = TimeSpan.FromSeconds(30) };
        Assert.Null(registry.TryUpsert(Entry("validator-1", "0xAAAA", 30303)));
        Assert.Null(registry.TryUpsert(Entry("validator-1", "0xaaaa", 30310))); // its own heartbeat (address case does not matter)

        var refused = registry.TryUpsert(Entry("validator-1", "0xBBBB", 40000));
        Assert.Equal("0xaaaa", refused?.Address);
        Assert.Equal(30310, Assert.Single(registry.All()).P2PPort);

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(registry.TryUpsert(Entry("validator-1", "0xBBBB", 40000)));
        Assert.Equal("0xBBBB", Assert.Single(registry.All()).Address);
    }
}
