using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// Bootnode plus three validators as real processes on loopback (issue 4): transactions become final
/// everywhere with identical chains; kill -9, restart, wipe-and-resync, then with the bootnode down
/// for good: loss of quorum, and recovery from the peers the validators remember.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Final = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_validators_finalize_through_kills_restarts_a_wipe_and_a_lost_quorum_without_the_bootnode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var net = new TestNetwork(validators: 3);
        var (v1, v2, v3) = (net.Validators[0], net.Validators[1], net.Validators[2]);
        var txs = new TestTransactions(net.Genesis, net.Submitter);
        try
        {
            await net.StartAsync(ct);

            // Transactions sent to different validators become final on all three, with identical chains.
            var open = await net.SendAsync(v1, txs.Open(), ct);
            await WaitFinalEverywhere(net, open, net.Validators, ct);
            var votes = new List<string>();
            for (var i = 0; i < 6; i++)
                votes.Add(await net.SendAsync(net.Validators[i % 3], txs.Vote(i, 1 + i % 3), ct));
            foreach (var vote in votes)
                await WaitFinalEverywhere(net, vote, net.Validators, ct);
            await AssertSameChains(net, net.Validators, ct);
            output.WriteLine("all three final and identical");

            // kill -9 one: the other two keep finalizing.
            await v3.KillAsync();
            var whileDown = await net.SendAsync(v1, txs.Vote(100), ct);
            await WaitFinalEverywhere(net, whileDown, [v1, v2], ct);
            output.WriteLine("progress with one validator killed");

            // Restart it: it catches up.
            v3.Start();
            await WaitFinalEverywhere(net, whileDown, [v3], ct);
            output.WriteLine("restarted validator caught up");

            // Wipe its data directory and restart: it resyncs from genesis.
            await v3.KillAsync();
            Directory.Delete(net.DataDir(v3), recursive: true);
            v3.Start();
            await WaitFinalEverywhere(net, open, [v3], ct);
            await WaitFinalEverywhere(net, whileDown, [v3], ct);
            var afterWipe = await net.SendAsync(v2, txs.Vote(101), ct);
            await WaitFinalEverywhere(net, afterWipe, net.Validators, ct);
            await AssertSameChains(net, net.Validators, ct);
            output.WriteLine("wiped validator resynced");

            // The bootnode goes down for good: from here on the validators find each other only from
            // the peers they remember (in memory, and in their stores across the restarts below).
            await net.Bootnode.KillAsync();
            output.WriteLine("bootnode killed");

            // Kill two: nothing becomes final, nothing forks.
            await v2.KillAsync();
            await v3.KillAsync();
            var stuckHeight = (await net.HeightAsync(v1, ct))!.Value;
            var pending = await net.SendAsync(v1, txs.Vote(102), ct);
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            Assert.Equal(stuckHeight, (await net.HeightAsync(v1, ct))!.Value);
            Assert.False(await net.IsFinalAsync(v1, pending, ct));
            output.WriteLine($"no progress without a quorum (height {stuckHeight})");

            // Restart one (no bootnode): it reconnects from its remembered peers and progress resumes.
            v2.Start();
            await WaitFinalEverywhere(net, pending, [v1, v2], ct);
            v3.Start();
            await WaitFinalEverywhere(net, pending, [v3], ct);
            await AssertSameChains(net, net.Validators, ct);
            output.WriteLine("progress resumed with the quorum back, without the bootnode; chains identical");
        }
        catch
        {
            foreach (var v in net.Validators)
                output.WriteLine($"--- {v.Name} ---\n" + string.Join('\n', v.Log.TakeLast(40)));
            throw;
        }
    }

    private static async Task WaitFinalEverywhere(TestNetwork net, string txHash, IEnumerable<NodeProcess> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
            await TestNetwork.WaitUntilAsync(() => net.IsFinalAsync(node, txHash, ct), Final, $"{txHash} final on {node.Name}", ct);
    }

    private static async Task AssertSameChains(TestNetwork net, IReadOnlyList<NodeProcess> nodes, CancellationToken ct)
    {
        var heights = new List<ulong>();
        foreach (var node in nodes)
            heights.Add((await net.HeightAsync(node, ct))!.Value);
        var common = heights.Min();
        var reference = await net.BlockHashesAsync(nodes[0], common, ct);
        foreach (var node in nodes.Skip(1))
            Assert.Equal(reference, await net.BlockHashesAsync(node, common, ct));
    }
}
