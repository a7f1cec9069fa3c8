using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Tests.Hosting;
using EVoting.Tests.Validator.Processes;
using Xunit;

namespace EVoting.Tests.Bootnode;

/// <summary>The bootnode of the AppHost's model alone, a real process under DCP: signed registration, discovery, listing, refusals (400/401/403/409), stale-peer removal.</summary>
[Trait("Category", "Integration")]
public sealed class BootnodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Registration(EthKey key, string nodeId, int p2p, long? timestamp = null, EthKey? signer = null, string? host = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var h = host ?? "127.0.0.1";
        var digest = new PeerRegistration(nodeId, h, p2p, p2p + 1, key.Address, ts).Digest();
        return new Dictionary<string, object>
        {
            ["node_id"] = nodeId, ["host"] = h, ["p2p_port"] = p2p, ["rpc_port"] = p2p + 1,
            ["address"] = key.Address.ToString(), ["timestamp"] = ts, ["signature"] = (signer ?? key).Sign(digest).ToString(),
        };
    }

    [Fact]
    public async Task Signed_registrations_are_listed_and_discovered_and_bad_ones_are_refused()
    {
        // With the genesis (derived from the validator keys), only its validators may register.
        var (a, b) = (EthKey.Generate(), EthKey.Generate());
        await using var app = await TestSystem.StartAsync(new TestSystemOptions
        {
            Validators = 2,
            Without = ["frontend", "api", "validator", "mariadb", "evoting"],
            Parameters = new Dictionary<string, string> { ["validator-1-key"] = a.ToHex(), ["validator-2-key"] = b.ToHex() },
            Environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["bootnode"] = new Dictionary<string, string> { ["PEER_TIMEOUT_SECONDS"] = "3" },
            },
        }, Ct);
        using var http = app.CreateHttpClient("bootnode");
        Assert.Equal("healthy", JsonNode.Parse(await http.GetStringAsync("/health", Ct))!["status"]!.GetValue<string>());

        var first = await http.PostAsJsonAsync("/register_peer", Registration(a, "validator-1", 30303), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = JsonNode.Parse(await (await http.PostAsJsonAsync("/register_peer", Registration(b, "validator-2", 30304), Ct)).Content.ReadAsStringAsync(Ct))!;
        Assert.True(second["registered"]!.GetValue<bool>());
        Assert.Equal("validator-1", second["peers"]![0]!["node_id"]!.GetValue<string>());

        var discovered = JsonNode.Parse(await http.GetStringAsync("/discover?node_id=validator-1", Ct))!["peers"]!.AsArray();
        Assert.Equal(["validator-2"], discovered.Select(p => p!["node_id"]!.GetValue<string>()));
        Assert.Equal(b.Address.ToString(), discovered[0]!["address"]!.GetValue<string>());

        // Refused, and nothing stored: unsigned, signed by another key, stale, malformed, not JSON,
        // and correctly signed by a key that is not a validator of this genesis.
        var unsigned = (Dictionary<string, object>)Registration(EthKey.Generate(), "evil-1", 1000);
        unsigned.Remove("signature");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/register_peer", unsigned, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/register_peer", Registration(a, "evil-2", 1001, signer: EthKey.Generate()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/register_peer", Registration(a, "evil-3", 1002, timestamp: 1_000_000), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/register_peer", new { node_id = "evil-4" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/register_peer", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/register_peer", Registration(EthKey.Generate(), "evil-5", 1003), Ct)).StatusCode);
        // A validator may not take over another validator's live node id (it would steer new peers to itself).
        var takeover = await http.PostAsJsonAsync("/register_peer", Registration(b, "validator-1", 1004), Ct);
        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
        Assert.Contains(a.Address.ToString(), await takeover.Content.ReadAsStringAsync(Ct));
        var peers = JsonNode.Parse(await http.GetStringAsync("/peers", Ct))!;
        Assert.Equal(2, peers["count"]!.GetValue<int>());
        Assert.Equal([a.Address.ToString(), b.Address.ToString()], peers["peers"]!.AsArray().Select(p => p!["address"]!.GetValue<string>()));
        Assert.Equal(30303, peers["peers"]![0]!["p2p_port"]!.GetValue<int>());

        // Heartbeat keeps validator-1; validator-2 goes silent and is removed.
        await Poll.UntilAsync(async () =>
        {
            await http.PostAsJsonAsync("/register_peer", Registration(a, "validator-1", 30303), Ct);
            var now = JsonNode.Parse(await http.GetStringAsync("/peers", Ct))!;
            return now["count"]!.GetValue<int>() == 1 && now["peers"]![0]!["node_id"]!.GetValue<string>() == "validator-1";
        }, TimeSpan.FromSeconds(15), "stale peer removed", Ct);
    }
}
