using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EVoting.Chain;
using EVoting.Tests.Hosting;
using EVoting.Validator.P2P;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// A raw TCP client against a real validator's P2P endpoint sends garbage, oversized frames, bad
/// handshakes and bad blocks; each is refused (the connection closes), the node logs why and keeps
/// working. The AppHost runs with a genesis of four validators; validator-4 is taken out of the model
/// (the test holds its key) and two validators run (no quorum, so the node stays at height 1 and every
/// crafted block targets it). At the end a valid final block is accepted (and not echoed back), then the
/// third validator (run alone at the start until it had signed, so it has signing state) rejoins and
/// blocks become final: the node kept working. The validators start with Aspire's start command.
/// </summary>
[Trait("Category", "Integration")]
public sealed class P2PBadInputTests(ITestOutputHelper output)
{
    private const string Node = "validator-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_frames_handshakes_blocks_and_votes_are_refused_and_the_node_keeps_working()
    {
        await using var system = await TestSystem.StartAsync(new TestSystemOptions
        {
            Validators = 4,
            BlockPeriodMs = 200,
            RoundTimeoutMs = 500,
            Without = ["frontend", "api", "mariadb", "evoting", "validator-4"],
            ExplicitStart = ["validator-1", "validator-2", "validator-3"],
        }, Ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var net = new Network(
            system.Genesis,
            Enumerable.Range(1, 4).Select(i => EthKey.FromHex(system.GetParameterValue($"validator-{i}-key"))).ToArray(),
            EthKey.FromHex(system.GetParameterValue("submitter-key")));
        ValidatorRpc Rpc(string name) => new(http, new Uri(system.GetEndpoint(name, "rpc"), "rpc"), name);
        var node = Rpc(Node);
        try
        {
            // The third validator runs alone first, just until it has signed (a prevote at height 1),
            // then stops: when it rejoins at the end it resumes from its signing state and votes at once
            // (with blocks but no signing state it would abstain for a height, docs/consensus.md, and with
            // the test's key silent the network would rightly stall).
            await system.StartResourceAsync("validator-3");
            var third = Rpc("validator-3");
            await Poll.UntilAsync(async () =>
                await third.HeightAsync(Ct) is not null
                && (await third.ResultAsync("poa_status", null, Ct))!["step"]?.GetValue<string>() is "prevote" or "precommit",
                TimeSpan.FromSeconds(60), "the third validator signed its first prevote", Ct);
            Assert.False((await third.ResultAsync("poa_status", null, Ct))!["abstaining"]!.GetValue<bool>());
            await system.KillResourceAsync("validator-3");
            await system.StartResourceAsync("validator-1");
            await system.StartResourceAsync("validator-2");
            // Consensus starts a moment after the RPC port opens; the equivocation check needs it running.
            await Poll.UntilAsync(async () =>
                (await node.ResultAsync("poa_status", null, Ct))!["step"] is not null,
                TimeSpan.FromSeconds(30), "consensus started", Ct);
            var port = system.GetEndpoint(Node, "p2p").Port;
            var me = net.Keys[3];

            // Framing and message-level garbage, before any handshake.
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("hello, node"))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(new byte[] { 0x7f, 0xff, 0xff, 0xff, 1, 2, 3 }).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("{\"type\":\"gimme_blocks\"}"))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(new SyncRequest(0, 10)))).AsTask());

            // Before the handshake a frame is at most a few KiB: a header announcing 1 MiB is refused at once
            // (within the 16 MiB limit of an authenticated peer, it used to be awaited until the handshake timed out).
            var header = await CloseTimeAfter(port, s => s.WriteAsync(new byte[] { 0, 0x10, 0, 0 }).AsTask());
            Assert.True(header < TimeSpan.FromSeconds(3), $"the oversized handshake frame was awaited for {header.TotalSeconds:F1} s");

            // A flood of idle sockets: beyond PeerManager.MaxPendingConnections the node closes them at once.
            var flood = new List<RawPeer>();
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port, Ct);
                    flood.Add(new RawPeer(client));
                }
                var closed = await Task.WhenAll(flood.Select(p => ClosedWithin(p, TimeSpan.FromSeconds(3))));
                Assert.True(closed.Count(c => c) >= 100 - PeerManager.MaxPendingConnections,
                    $"only {closed.Count(c => c)} of 100 idle sockets were refused");
            }
            finally
            {
                foreach (var peer in flood)
                    await peer.DisposeAsync();
            }
            // The node forgets the flood's sockets as it sees them close; until it has, a new socket is
            // refused at accept, and the handshake checks below would log that instead of their reasons.
            await Poll.UntilAsync(async () =>
            {
                await using var probe = await Open(port);
                try
                {
                    return await ReadMessage(probe.Stream) is PeerHello;
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(20), "the node accepts connections again after the flood", Ct);

            // Handshakes: wrong genesis, a key outside the genesis, a proof by the wrong key.
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(Hello(me, Keccak.Hash32("other network"u8))))).AsTask());
            await AssertClosedAfter(port, s => s.WriteAsync(Frame(MessageCodec.Encode(Hello(EthKey.Generate(), net.Genesis.Hash)))).AsTask());
            await AssertClosedAfter(port, async s =>
            {
                var mine = MessageCodec.Encode(Hello(me, net.Genesis.Hash));
                await s.WriteAsync(Frame(mine));
                var theirs = await ReadPayload(s);
                var transcript = Handshake.Transcript(net.Genesis.Hash, mine, theirs);
                await s.WriteAsync(Frame(MessageCodec.Encode(new PeerProof(Handshake.Prove(EthKey.Generate(), transcript, Handshake.Role.Dialer)))));
            });
            AssertLogged(system, "bad handshake signature");
            AssertLogged(system, "wrong genesis");
            AssertLogged(system, "unknown validator key");

            // The relay (docs/p2p.md "Handshake"): with no key, connect to validator-1 as validator-2
            // and to validator-2 as validator-1 with validator-1's own nonce, then hand validator-2's
            // proof to validator-1. Under the old per-nonce proof this authenticated the relay as
            // validator-2 at the attacker's endpoint; the transcript proof binds both hellos and the
            // direction, so validator-1 refuses it and never lists validator-2 there.
            await using (var toA = await Open(port))
            await using (var toB = await Open(system.GetEndpoint("validator-2", "p2p").Port))
            {
                var helloOfA = (PeerHello)await ReadMessage(toA.Stream);
                await ReadMessage(toB.Stream); // validator-2's hello
                await toA.Stream.WriteAsync(Frame(MessageCodec.Encode(Claim(net.Keys[1].Address, net.Genesis.Hash, RandomNumberGenerator.GetBytes(32)))), Ct);
                await toB.Stream.WriteAsync(Frame(MessageCodec.Encode(Claim(net.Keys[0].Address, net.Genesis.Hash, helloOfA.Nonce))), Ct);
                var proofOfB = Assert.IsType<PeerProof>(await ReadMessage(toB.Stream));
                Assert.IsType<PeerProof>(await ReadMessage(toA.Stream)); // validator-1's own proof, useless to the relay
                await toA.Stream.WriteAsync(Frame(MessageCodec.Encode(proofOfB)), Ct);
                Assert.True(await ClosedWithin(toA, TimeSpan.FromSeconds(5)), "validator-1 accepted a relayed proof");
                var peers = (await node.ResultAsync("poa_status", null, Ct))!["peers"]!.AsArray();
                Assert.DoesNotContain(peers, p => p!["p2p_port"]!.GetValue<int>() == RelayPort);
            }

            // After a good handshake: an unknown message type closes the connection.
            await using (var peer = await Connect(port, net, me))
                await AssertClosedAfter(peer, s => s.WriteAsync(Frame(Encoding.UTF8.GetBytes("{\"type\":\"shutdown\"}"))).AsTask());

            // Final blocks that break one rule each (with a genuine certificate from all validator keys).
            var head = (await node.ResultAsync("eth_getBlockByNumber", ["latest", false], Ct))!;
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
                AssertLogged(system, rule);
                output.WriteLine($"refused: {rule}");
            }
            // Refused blocks taught the node nothing: it does not believe the network is ahead of it
            // (which would mark it syncing).
            var afterBadBlocks = (await node.ResultAsync("poa_status", null, Ct))!;
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
                await Poll.UntilAsync(async () =>
                {
                    var status = (await node.ResultAsync("poa_status", null, Ct))!;
                    return status["equivocations"]!.AsArray().Any(e => e!["validator"]!.GetValue<string>() == me.Address.ToString());
                }, TimeSpan.FromSeconds(10), "equivocation reported", Ct);

                // The evidence is kept with both signatures, so anyone can check the double signing.
                var evidence = (await node.ResultAsync("poa_getEvidence", null, Ct))!.AsArray()
                    .Single(e => e!["validator"]!.GetValue<string>() == me.Address.ToString())!;
                Assert.Equal("prevote", evidence["step"]!.GetValue<string>());
                var signed = new[] { ("first", Keccak.Hash32("block A"u8)), ("second", Keccak.Hash32("block B"u8)) };
                foreach (var (which, value) in signed)
                {
                    Assert.Equal(value.ToString(), evidence[$"{which}_value"]!.GetValue<string>()); // 0x-hex, as before the engine's ids were typed
                    var signature = Signature.Parse(evidence[$"{which}_signature"]!.GetValue<string>());
                    Assert.Equal(me.Address, Signature.RecoverSigner(ConsensusDigest.Vote(net.Genesis.ChainId, VoteType.Prevote, height, 0, value), signature));
                }
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
                await Poll.UntilAsync(async () => await node.HeightAsync(Ct) >= height, TimeSpan.FromSeconds(10), "the valid block final", Ct);
                var echoed = await ReceivedWithin(peer, TimeSpan.FromSeconds(2), m => m is NewBlock b && b.Block.Hash == good.Hash);
                Assert.False(echoed, "the node sent the final block back to the peer it came from");
            }

            // The node kept working: with the third validator back, blocks become final and include a vote.
            await system.StartResourceAsync("validator-3");
            var txs = new TestTransactions(net.Genesis, net.Submitter);
            var open = await node.SendAsync(txs.Open(), Ct);
            await Poll.UntilAsync(() => node.IsFinalAsync(open, Ct), TimeSpan.FromSeconds(90), "progress after the bad inputs", Ct);
        }
        catch
        {
            foreach (var name in new[] { "validator-1", "validator-2", "validator-3" })
            {
                try
                {
                    output.WriteLine($"== {name} status: {(await Rpc(name).ResultAsync("poa_status", null, CancellationToken.None))?.ToJsonString()}");
                }
                catch (Exception ex)
                {
                    output.WriteLine($"== {name} status unavailable: {ex.Message}");
                }
                output.WriteLine(string.Join('\n', system.LogOf(name).TakeLast(name == Node ? 60 : 40)));
            }
            throw;
        }
    }

    /// <summary>The genesis and every key of it: the test signs as validator-4 and certifies blocks with all four.</summary>
    private sealed record Network(Genesis Genesis, EthKey[] Keys, EthKey Submitter);

    private static PeerHello Hello(EthKey key, Hash32 genesisHash) =>
        new("test-peer", key.Address, genesisHash, 0, genesisHash, RandomNumberGenerator.GetBytes(32), "127.0.0.1", 1, 1);

    private static byte[] Frame(byte[] payload) => FrameCodec.Encode(payload);

    /// <summary>The endpoint a relaying attacker claims in the hellos it forges.</summary>
    private const int RelayPort = 1;

    /// <summary>A hello claiming <paramref name="address"/> (anyone can write one: it is the proof that needs the key).</summary>
    private static PeerHello Claim(Address address, Hash32 genesisHash, byte[] nonce) =>
        new("relay", address, genesisHash, 0, genesisHash, nonce, "127.0.0.1", RelayPort, RelayPort);

    private static async Task<RawPeer> Open(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        return new RawPeer(client);
    }

    private static Block Build(Network net, ulong height, Hash32 prev, long timestampMs, EthKey proposer, Hash32? root = null, EthKey? signer = null)
    {
        var header = new BlockHeader(net.Genesis.ChainId, height, prev, timestampMs, root ?? MerkleTree.Root([]), proposer.Address, 0, 0);
        var hash = header.ComputeHash();
        return new Block(header, [], hash, (signer ?? proposer).Sign(hash));
    }

    private static CommitCertificate Certify(Network net, Block block)
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
    private static async Task<RawPeer> Connect(int port, Network net, EthKey key)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var peer = new RawPeer(client);
        var mine = MessageCodec.Encode(Hello(key, net.Genesis.Hash));
        await peer.Stream.WriteAsync(Frame(mine), Ct);
        var theirs = await ReadPayload(peer.Stream);
        var transcript = Handshake.Transcript(net.Genesis.Hash, mine, theirs);
        await peer.Stream.WriteAsync(Frame(MessageCodec.Encode(new PeerProof(Handshake.Prove(key, transcript, Handshake.Role.Dialer)))), Ct);
        Assert.IsType<PeerProof>(await ReadMessage(peer.Stream));
        return peer;
    }

    private static async Task<P2PMessage> ReadMessage(Stream stream) => MessageCodec.Decode(await ReadPayload(stream));

    private static async Task<byte[]> ReadPayload(Stream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var frame = await FrameCodec.ReadAsync(stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token)
            ?? throw new InvalidOperationException("closed");
        return frame.Payload.ToArray();
    }

    /// <summary>True when the node closes the connection within <paramref name="window"/> (its messages are read and dropped).</summary>
    private static async Task<bool> ClosedWithin(RawPeer peer, TimeSpan window)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(window);
        try
        {
            while (await FrameCodec.ReadAsync(peer.Stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token) is { } frame)
                frame.Dispose();
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
            while (await FrameCodec.ReadAsync(peer.Stream, FrameCodec.DefaultMaxFrameBytes, timeout.Token) is { } frame)
            {
                using (frame)
                {
                    if (match(MessageCodec.Decode(frame.Payload)))
                        return true;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }
        return false;
    }

    /// <summary>How long the node took to close a fresh connection after <paramref name="send"/>.</summary>
    private static async Task<TimeSpan> CloseTimeAfter(int port, Func<NetworkStream, Task> send)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await AssertClosedAfter(port, send);
        return started.Elapsed;
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

    private static void AssertLogged(TestSystem system, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!system.LogOf(Node).Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{Node}'s log does not mention '{text}'");
            Thread.Sleep(100);
        }
    }
}
