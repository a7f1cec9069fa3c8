using System.Buffers.Binary;
using System.Net.Sockets;
using EVoting.Chain;
using EVoting.Tests.Hosting;
using EVoting.Validator.P2P;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// Slow-loris on the P2P port of a real validator (issue 15): 200 raw sockets each announce a large frame and then
/// trickle a byte now and then, reconnecting whenever the node closes them. Half announce 16 MiB (above the
/// pre-handshake cap, refused at once), half just under the cap (held until the handshake times out). The
/// validator's resident memory stays flat, and the three validators keep making blocks and finalize a transaction
/// sent while the sockets trickle.
/// </summary>
[Trait("Category", "Integration")]
public sealed class P2PTrickleTests(ITestOutputHelper output)
{
    private const string Node = "validator-1";
    private const int Sockets = 200;
    private const long AllowedGrowthBytes = 50L * 1024 * 1024;
    private static readonly TimeSpan Attack = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan TrickleEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_sockets_trickling_large_frame_headers_leave_memory_flat_and_consensus_moving()
    {
        await using var system = await TestSystem.StartAsync(new TestSystemOptions
        {
            Without = ["frontend", "api", "mariadb", "evoting"],
            BlockPeriodMs = 200,
        }, Ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        ValidatorRpc Rpc(string name) => new(http, new Uri(system.GetEndpoint(name, "rpc"), "rpc"), name);
        var (node, other) = (Rpc(Node), Rpc("validator-2"));
        var txs = new TestTransactions(system.Genesis, EthKey.FromHex(system.GetParameterValue("submitter-key")));

        // Steady state first (peers connected, code warmed up): an election open is final.
        var open = await node.SendAsync(txs.Open(), Ct);
        await Poll.UntilAsync(() => node.IsFinalAsync(open, Ct), TimeSpan.FromSeconds(90), "election open final", Ct);
        var pid = system.ServiceProcessOf(Node) ?? throw new InvalidOperationException($"no process found for {Node}");
        var baseline = ProcessTable.ResidentBytes(pid)!.Value;
        var port = system.GetEndpoint(Node, "p2p").Port;
        var startHeight = (await node.HeightAsync(Ct))!.Value;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var attackers = Enumerable.Range(0, Sockets).Select(i => Task.Run(() => TrickleAsync(port, i, stop.Token), Ct)).ToArray();
        var peak = baseline;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessTable.ResidentBytes(pid) ?? 0);
                await Task.Delay(250, CancellationToken.None);
            }
        }, Ct);
        var attackStarted = DateTime.UtcNow;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), Ct); // the flood at full strength
            var vote = await node.SendAsync(txs.Vote(1), Ct);
            await Poll.UntilAsync(() => other.IsFinalAsync(vote, Ct), TimeSpan.FromSeconds(15), "a vote sent during the flood is final", Ct);
            var remaining = Attack - (DateTime.UtcNow - attackStarted);
            if (remaining > TimeSpan.Zero)
                await Task.Delay(remaining, Ct);
            var endHeight = (await node.HeightAsync(Ct))!.Value;
            output.WriteLine($"heights {startHeight} -> {endHeight} during {Attack.TotalSeconds:F0} s of {Sockets} trickling sockets");
            // Empty blocks every 10 block periods (2 s) plus the vote's: a stalled node would make none.
            Assert.True(endHeight >= startHeight + 5, $"only {endHeight - startHeight} blocks while the sockets trickled");
        }
        finally
        {
            await stop.CancelAsync();
            var connects = await Task.WhenAll(attackers);
            await sampler;
            output.WriteLine($"{connects.Sum()} connections made; resident memory {baseline / 1048576} MiB before, peak {peak / 1048576} MiB");
        }
        Assert.True(peak - baseline < AllowedGrowthBytes, $"resident memory grew by {(peak - baseline) / 1048576} MiB (from {baseline / 1048576} MiB)");
        Assert.Contains(system.LogOf(Node), l => l.Contains("exceeds the 4096-byte limit", StringComparison.Ordinal));
    }

    /// <summary>One attacker socket: announce a frame, trickle a byte every <see cref="TrickleEvery"/>, reconnect when closed. Returns the connections made.</summary>
    private static async Task<int> TrickleAsync(int port, int index, CancellationToken stop)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, index % 2 == 0 ? (uint)FrameCodec.DefaultMaxFrameBytes : PeerConnection.MaxHandshakeFrameBytes);
        var connects = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, stop);
                connects++;
                var stream = client.GetStream();
                await stream.WriteAsync(header, stop);
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(TrickleEvery, stop);
                    await stream.WriteAsync("x"u8.ToArray(), stop);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // closed by the node (or the test is over): connect again
            }
            try
            {
                await Task.Delay(ReconnectAfter, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return connects;
    }
}
