using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EVoting.Chain;
using EVoting.Validator.P2P;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// A raw TCP client against a real validator's P2P port sends garbage, oversized frames, bad
/// handshakes and bad blocks; each is refused (the connection closes), the node logs why and keeps
/// working. The genesis has four validators; two processes run (no quorum, so the node stays at
/// height 1 and every crafted block targets it), the test holds the fourth key. At the end a valid
/// final block is accepted (and not echoed back), then the third validator (run alone at the start
/// until it had signed, so it has signing state) rejoins and blocks become final: the node kept working.
/// </summary>
[Trait("Category", "Integration")]
public sealed class P2PBadInputTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_frames_handshakes_blocks_and_votes_are_refused_and_the_node_keeps_working()
    {
        await using var net = new TestNetwork(validators: 4, blockPeriodMs: 200, roundTimeoutMs: 500);
        var node = net.Validators[0];
        try
        {
            // The third validator runs alone first, just until it has signed (a prevote at height 1),
            // then stops: when it rejoins at the end it has signing state and votes at once. A node
            // without any joins a network that is past genesis "abstaining" (it cannot tell new from
            // wiped, docs/consensus.md), and with the test's key silent the network would then
            // rightly stall; which of the two happened depended on how fast it started.
            await net.StartAsync(Ct, validators: 0);
            var third = net.Validators[2];
            third.Start();
            await TestNetwork.WaitUntilAsync(async () =>
                await net.HeightAsync(third, Ct) is not null
                && (await net.ResultAsync(third, "poa_status", null, Ct))!["step"]?.GetValue<string>() is "prevote" or "precommit",
                TimeSpan.FromSeconds(60), "the third validator signed its first prevote", Ct);
            Assert.False((await net.ResultAsync(third, "poa_status", null, Ct))!["abstaining"]!.GetValue<bool>());
            await third.KillAsync();
            foreach (var v in net.Validators.Take(2))
                v.Start();
            foreach (var v in net.Validators.Take(2))
                await TestNetwork.WaitUntilAsync(async () => await net.HeightAsync(v, Ct) is not null, TimeSpan.FromSeconds(120), $"{v.Name} serving RPC", Ct);
            // Consensus starts a moment after the RPC port opens; the equivocation check needs it running.
            await TestNetwork.WaitUntilAsync(async () =>
                (await net.ResultAsync(node, "poa_status", null, Ct))!["step"] is not null,
                TimeSpan.FromSeconds(30), "consensus started", Ct);
            var port = int.Parse(node.Environment["P2P_PORT"]);
            var me = net.Keys[3];

            // Framing and message-level garbage, before any handshake.
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("hello, node"))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(new byte[] { 0x7f, 0xff, 0xff, 0xff, 1, 2, 3 }).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("{\"type\":\"gimme_blocks\"}"))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(new SyncRequest(0, 10)))).AsTask());

            // Handshakes: wrong genesis, a key outside the genesis, a proof by the wrong key.
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(Hello(me, Keccak.Hash32("other network"u8))))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(Hello(EthKey.Generate(), net.Genesis.Hash)))).AsTask());
            await AssertClosedAfter(port, async s =>
            {
                await s.WriteAsync(Frame(MessageCodec.Encode(Hello(me, net.Genesis.Hash))));
                var theirs = (PeerHello)await ReadMessage(s);
                await s.WriteAsync(Frame(MessageCodec.Encode(new PeerProof(Handshake.Prove(EthKey.Generate(), net.Genesis.Hash, theirs.Nonce)))));
            });
            AssertLogged(node, "bad handshake signature");
            AssertLogged(node, "wrong genesis");
            AssertLogged(node, "unknown validator key");

            // After a good handshake: an unknown message type closes the connection.
            await using (var peer = await Connect(port, net, me))
                await AssertClosedAfter(peer, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("{\"type\":\"shutdown\"}"))).AsTask());

            // Final blocks that break one rule each (with a genuine certificate from all validator keys).
            var head = (await net.ResultAsync(node, "eth_getBlockByNumber", ["latest", false], Ct))!;
            var headHash = Hash32.Parse(head["hash"]!.GetValue<string>());
            var headTime = head["timestamp_ms"]!.GetValue<long>();
            var height = head["index"]!.GetValue<ulong>() + 1;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var proposerKey = net.Keys.Single(k => k.Address == ProposerSchedule.ProposerFor(net.Genesis, height, 0));
            var cases = new (string Rule, Block Block)[]
            {
                (ValidationErrors.BlockHashMismatch, Build(net, height, headHash, now, proposerKey) with { Hash = Keccak.Hash32("not the hash"u8) }),
                (ValidationErrors.BlockPrevHashMismatch, Build(net, height, Keccak.Hash32("elsewhere"u8), now, proposerKey)),
                (ValidationErrors.BlockTimestampNotAfterParent, Build(net, height, headHash, headTime, proposerKey)),
                (ValidationErrors.BlockRootMismatch, Build(net, height, headHash, now, proposerKey, root: Keccak.Hash32("root"u8))),
                (ValidationErrors.BlockUnknownProposer, Build(net, height, headHash, now, EthKey.Generate())),
                (ValidationErrors.BlockBadSignature, Build(net, height, headHash, now, proposerKey, signer: me)),
            };
            foreach (var (rule, block) in cases)
            {
                var signed = block with { Commit = Certify(net, block) };
                await using var peer = await Connect(port, net, me);
                await AssertClosedAfter(peer, s => s.WriteAsync(Frame(MessageCodec.Encode(new NewBlock(signed)))).AsTask());
                AssertLogged(node, rule);
                output.WriteLine($"refused: {rule}");
            }
            // Refused blocks taught the node nothing: it does not believe the network is ahead of it
            // (which would mark it syncing and, at start, make it abstain as if its state were lost).
            var afterBadBlocks = (await net.ResultAsync(node, "poa_status", null, Ct))!;
            Assert.Equal(0UL, afterBadBlocks["best_peer_height"]!.GetValue<ulong>());

            // A proposal signed by a key that is not the scheduled proposer.
            await using (var peer = await Connect(port, net, me))
            {
                var block = Build(net, height, headHash, now, proposerKey);
                var forged = new ProposalMessage(height, 0, -1, block,
                    EthKey.Generate().Sign(ConsensusDigest.Proposal(net.Genesis.ChainId, height, 0, -1, block.Hash)), []);
                await AssertClosedAfter(peer, s => s.WriteAsync(Frame(MessageCodec.Encode(forged))).AsTask());
            }

            // Conflicting votes from one validator (the test's key) are detected and reported.
            await using (var peer = await Connect(port, net, me))
            {
                foreach (var value in new[] { Keccak.Hash32("block A"u8), Keccak.Hash32("block B"u8) })
                {
                    var digest = ConsensusDigest.Vote(net.Genesis.ChainId, VoteType.Prevote, height, 0, value);
                    await peer.Stream.WriteAsync(Frame(MessageCodec.Encode(new VoteMessage(VoteType.Prevote, height, 0, value, me.Address, me.Sign(digest)))), Ct);
                }
                await TestNetwork.WaitUntilAsync(async () =>
                {
                    var status = (await net.ResultAsync(node, "poa_status", null, Ct))!;
                    return status["equivocations"]!.AsArray().Any(e => e!["validator"]!.GetValue<string>() == me.Address.ToString());
                }, TimeSpan.FromSeconds(10), "equivocation reported", Ct);
            }

            // A validator that reconnects while its old connection still looks open to the node (no
            // FIN seen yet) replaces it: the new connection wins, the old one is closed.
            await using (var stale = await Connect(port, net, me))
            await using (var fresh = await Connect(port, net, me))
            {
                Assert.True(await ClosedWithin(stale, TimeSpan.FromSeconds(10)), "the old connection was not replaced");
            }

            // The control: the same kind of block with every rule kept is accepted as final, and the
            // node passes it on to its other peers but never echoes it back to the sender.
            await using (var peer = await Connect(port, net, me))
            {
                var good = Build(net, height, headHash, now, proposerKey);
                await peer.Stream.WriteAsync(Frame(MessageCodec.Encode(new NewBlock(good with { Commit = Certify(net, good) }))), Ct);
                await TestNetwork.WaitUntilAsync(async () => await net.HeightAsync(node, Ct) >= height, TimeSpan.FromSeconds(10), "the valid block final", Ct);
                var echoed = await ReceivedWithin(peer, TimeSpan.FromSeconds(2), m => m is NewBlock b && b.Block.Hash == good.Hash);
                Assert.False(echoed, "the node sent the final block back to the peer it came from");
            }

            // The node kept working: with the third validator back, blocks become final and include a vote.
            third.Start();
            var txs = new TestTransactions(net.Genesis, net.Submitter);
            var open = await net.SendAsync(node, txs.Open(), Ct);
            await TestNetwork.WaitUntilAsync(() => net.IsFinalAsync(node, open, Ct), TimeSpan.FromSeconds(90), "progress after the bad inputs", Ct);
        }
        catch
        {
            output.WriteLine(string.Join('\n', node.Log.TakeLast(60)));
            foreach (var other in net.Validators.Take(3))
            {
                try
                {
                    output.WriteLine($"== status: {(await net.ResultAsync(other, "poa_status", null, CancellationToken.None))?.ToJsonString()}");
                }
                catch (Exception ex)
                {
                    output.WriteLine($"== status unavailable: {ex.Message}");
                }
                if (other != node)
                    output.WriteLine(string.Join('\n', other.Log.TakeLast(40)));
            }
            throw;
        }
    }

    private static PeerHello Hello(EthKey key, Hash32 genesisHash) =>
        new("test-peer", key.Address, genesisHash, 0, genesisHash, RandomNumberGenerator.GetBytes(32), "127.0.0.1", 1, 1);

    private static byte[] Frame(byte[] payload) => FrameCodec.Encode(payload);

    private static Block Build(TestNetwork net, ulong height, Hash32 prev, long timestampMs, EthKey proposer, Hash32? root = null, EthKey? signer = null)
    {
        var header = new BlockHeader(net.Genesis.ChainId, height, prev, timestampMs, root ?? MerkleTree.Root([]), proposer.Address, 0, 0);
        var hash = header.ComputeHash();
        return new Block(header, [], hash, (signer ?? proposer).Sign(hash));
    }

    private static CommitCertificate Certify(TestNetwork net, Block block)
    {
        var digest = ConsensusDigest.Vote(net.Genesis.ChainId, VoteType.Precommit, block.Index, 0, block.Hash);
        return new CommitCertificate(0, net.Keys.Select(k => k.Sign(digest)).ToList());
    }

    private sealed class RawPeer(TcpClient client) : IAsyncDisposable
    {
        public NetworkStream Stream { get; } = client.GetStream();

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A connection that completed the handshake as <paramref name="key"/>.</summary>
    private static async Task<RawPeer> Connect(int port, TestNetwork net, EthKey key)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var peer = new RawPeer(client);
        await peer.Stream.WriteAsync(Frame(MessageCodec.Encode(Hello(key, net.Genesis.Hash))), Ct);
        var theirs = (PeerHello)await ReadMessage(peer.Stream);
        await peer.Stream.WriteAsync(Frame(MessageCodec.Encode(new PeerProof(Handshake.Prove(key, net.Genesis.Hash, theirs.Nonce)))), Ct);
        Assert.IsType<PeerProof>(await ReadMessage(peer.Stream));
        return peer;
    }

    private static async Task<P2PMessage> ReadMessage(Stream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var payload = await FrameCodec.ReadAsync(stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token)
            ?? throw new InvalidOperationException("closed");
        return MessageCodec.Decode(payload);
    }

    /// <summary>True when the node closes the connection within <paramref name="window"/> (its messages are read and dropped).</summary>
    private static async Task<bool> ClosedWithin(RawPeer peer, TimeSpan window)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(window);
        try
        {
            while (await FrameCodec.ReadAsync(peer.Stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token) is not null)
            {
            }
            return true;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Reads the node's messages for <paramref name="window"/>; true when one matches.</summary>
    private static async Task<bool> ReceivedWithin(RawPeer peer, TimeSpan window, Func<P2PMessage, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(window);
        try
        {
            while (await FrameCodec.ReadAsync(peer.Stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token) is { } payload)
            {
                if (match(MessageCodec.Decode(payload)))
                    return true;
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }
        return false;
    }

    private static async Task AssertClosedAfter(int port, Func<NetworkStream, Task> send)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        await using var peer = new RawPeer(client);
        await AssertClosedAfter(peer, send);
    }

    /// <summary>Sends, then reads (discarding the node's own messages) until the node closes the connection.</summary>
    private static async Task AssertClosedAfter(RawPeer peer, Func<NetworkStream, Task> send)
    {
        await send(peer.Stream);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        try
        {
            while (await peer.Stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // reset by the node: closed as well
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail("the node did not close the connection");
        }
    }

    private static void AssertLogged(NodeProcess node, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!node.Log.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the node's log does not mention '{text}'");
            Thread.Sleep(100);
        }
    }
}
