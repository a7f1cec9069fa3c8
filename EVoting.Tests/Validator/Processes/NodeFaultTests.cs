using EVoting.AppHost;
using EVoting.Chain;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// The AppHost's bootnode and three validators under DCP (Aspire.Hosting.Testing): transactions become
/// final everywhere with identical chains; SIGKILL and Aspire's start command, a wiped data folder,
/// then with the bootnode down for good: loss of quorum, and recovery from the peers the validators remember.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Final = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_validators_finalize_through_kills_restarts_a_wipe_and_a_lost_quorum_without_the_bootnode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var system = await TestSystem.StartAsync(new TestSystemOptions
        {
            Without = ["frontend", "api", "mariadb", "evoting"],
            BlockPeriodMs = 200,
        }, ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var nodes = new[] { "validator-1", "validator-2", "validator-3" }
            .Select(name => new ValidatorRpc(http, new Uri(system.GetEndpoint(name, "rpc"), "rpc"), name)).ToArray();
        var (v1, v2, v3) = (nodes[0], nodes[1], nodes[2]);
        var txs = new TestTransactions(system.Genesis, EthKey.FromHex(system.GetParameterValue("submitter-key")));
        try
        {
            // Transactions sent to different validators become final on all three, with identical chains.
            var open = await v1.SendAsync(txs.Open(), ct);
            await WaitFinalEverywhere(open, nodes, ct);
            var votes = new List<string>();
            for (var i = 0; i < 6; i++)
                votes.Add(await nodes[i % 3].SendAsync(txs.Vote(i, 1 + i % 3), ct));
            foreach (var vote in votes)
                await WaitFinalEverywhere(vote, nodes, ct);
            await AssertSameChains(nodes, ct);
            output.WriteLine("all three final and identical");
            // No wait for "nobody abstains" here: a validator started on a new data directory votes at once, decided
            // from its store alone, not from when the first peer's hello arrives (docs/consensus.md#lost-state-wiped-data-directory).

            // kill -9 one: the other two keep finalizing.
            await system.KillResourceAsync("validator-3");
            var whileDown = await v1.SendAsync(txs.Vote(100), ct);
            await WaitFinalEverywhere(whileDown, [v1, v2], ct);
            output.WriteLine("progress with one validator killed");

            // Aspire's start command: it catches up.
            await system.StartResourceAsync("validator-3");
            await WaitFinalEverywhere(whileDown, [v3], ct);
            output.WriteLine("restarted validator caught up");

            // Wipe its data folder and start it again: it resyncs from genesis.
            await system.KillResourceAsync("validator-3");
            Directory.Delete(GenesisFile.ValidatorDataDirectory(system.StateDirectory, "validator-3"), recursive: true);
            await system.StartResourceAsync("validator-3");
            await WaitFinalEverywhere(open, [v3], ct);
            await WaitFinalEverywhere(whileDown, [v3], ct);
            var afterWipe = await v2.SendAsync(txs.Vote(101), ct);
            await WaitFinalEverywhere(afterWipe, nodes, ct);
            await AssertSameChains(nodes, ct);
            output.WriteLine("wiped validator resynced");

            // The bootnode goes down for good: from here on the validators find each other only from
            // the peers they remember (in memory, and in their stores across the restarts below).
            await system.KillResourceAsync("bootnode");
            output.WriteLine("bootnode killed");

            // Kill two: nothing becomes final, nothing forks.
            await system.KillResourceAsync("validator-2");
            await system.KillResourceAsync("validator-3");
            var stuckHeight = (await v1.HeightAsync(ct))!.Value;
            var pending = await v1.SendAsync(txs.Vote(102), ct);
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            Assert.Equal(stuckHeight, (await v1.HeightAsync(ct))!.Value);
            Assert.False(await v1.IsFinalAsync(pending, ct));
            output.WriteLine($"no progress without a quorum (height {stuckHeight})");

            // Start one (no bootnode): it reconnects from its remembered peers and progress resumes.
            await system.StartResourceAsync("validator-2");
            await WaitFinalEverywhere(pending, [v1, v2], ct);
            await system.StartResourceAsync("validator-3");
            await WaitFinalEverywhere(pending, [v3], ct);
            await AssertSameChains(nodes, ct);
            output.WriteLine("progress resumed with the quorum back, without the bootnode; chains identical");
        }
        catch
        {
            output.WriteLine(string.Join('\n', system.Log.Where(l => l.StartsWith("[validator", StringComparison.Ordinal)).TakeLast(120)));
            throw;
        }
    }

    private static async Task WaitFinalEverywhere(string txHash, IEnumerable<ValidatorRpc> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
            await Poll.UntilAsync(() => node.IsFinalAsync(txHash, ct), Final, $"{txHash} final on {node.Name}", ct);
    }

    private static async Task AssertSameChains(IReadOnlyList<ValidatorRpc> nodes, CancellationToken ct)
    {
        var heights = new List<ulong>();
        foreach (var node in nodes)
            heights.Add((await node.HeightAsync(ct))!.Value);
        var common = heights.Min();
        var reference = await nodes[0].BlockHashesAsync(common, ct);
        foreach (var node in nodes.Skip(1))
            Assert.Equal(reference, await node.BlockHashesAsync(common, ct));
    }
}
