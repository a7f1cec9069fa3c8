using System.Diagnostics;
using System.Threading.Channels;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

/// <summary>
/// The validator's I/O shell around <see cref="NodeCore"/>: one event loop (a channel of actions) feeds the core
/// its inputs — peer messages, submissions, timeouts, ticks — one at a time and carries out the effects (sends
/// through the P2P layer, timers for timeouts, replies to RPC). After each input it publishes an immutable
/// <see cref="NodeSnapshot"/>: RPC, /health and the P2P hello read that (and final blocks through
/// <see cref="FinalBlocks"/>), never the loop's state, so no read waits for the loop or holds it up
/// (docs/validator.md#rpc-reads).
/// </summary>
public sealed class ValidatorNode : IPeerHost, IDisposable
{
    /// <summary>Proof verdicts kept: room for a full mempool twice over (what is verified but not final yet).</summary>
    public const int BallotCacheCapacity = 2 * NodeCore.MempoolMaxCount;
    private const int InboxCapacity = 10_000;
    private const int MinTickMs = 20;
    private const int MaxTickMs = 100;

    private readonly NodeOptions _options;
    private readonly ChainStore _store;
    private readonly ILogger<ValidatorNode> _logger;
    private readonly Channel<Action> _inbox = Channel.CreateBounded<Action>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly object _sync = new();
    private NodeSnapshot _snapshot;

    public ValidatorNode(NodeOptions options, ChainStore store, CachingBallotRule ballotRule, PeerManager peers, ActivitySource source, ILogger<ValidatorNode> logger)
    {
        _options = options;
        _store = store;
        _logger = logger;
        Peers = peers;
        Telemetry = new ValidatorTelemetry(source, () => Metrics);
        Core = new NodeCore(options.Genesis, options.Key, store, ballotRule, TimeProvider.System, Telemetry, logger);
        LoopLag = new EventLoopLagProbe(lag => Telemetry.EventLoopLag.Record(lag));
        Blocks = new FinalBlocks(options.Genesis, store);
        _snapshot = Publish(null);
    }

    /// <summary>The state machine: only the event loop (or a test of an unstarted node) touches it; readers use <see cref="Snapshot"/>.</summary>
    public NodeCore Core { get; }

    /// <summary>The state as the loop last published it (after each input); safe from any thread.</summary>
    public NodeSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Final blocks for readers on any thread.</summary>
    public FinalBlocks Blocks { get; }

    public Genesis Genesis => Core.Genesis;

    public ChainState State => Core.State;

    public Mempool Mempool => Core.Mempool;

    public PeerManager Peers { get; }

    /// <summary>How late the event loop runs what is posted to it (<c>poa_status</c>'s event_loop_lag_ms_max).</summary>
    public EventLoopLagProbe LoopLag { get; }

    public ValidatorTelemetry Telemetry { get; }

    public int SelfIndex => Core.SelfIndex;

    public string NodeId => _options.NodeId;

    public Address Address => _options.Key.Address;

    public TendermintEngine? Engine => Core.Engine;

    public ulong BestPeerHeight => Core.BestPeerHeight;

    /// <summary>Ballots whose proofs this node has checked since start (<c>poa_status</c>).</summary>
    public long BallotProofChecks => Core.BallotProofChecks;

    public bool IsSyncing => Core.IsSyncing;

    public NodeMetrics Metrics
    {
        get
        {
            var snapshot = Snapshot;
            return new(snapshot.Height + 1, snapshot.Height, Peers.PeerCount, snapshot.MempoolCount);
        }
    }

    public (ulong Height, Hash32 BestHash) Head
    {
        get
        {
            var snapshot = Snapshot;
            return (snapshot.Height, snapshot.HeadHash);
        }
    }

    public void Start(CancellationToken stopping)
    {
        Peers.Start(this, _options.P2PHost, _options.P2PPort, stopping);
        foreach (var peer in _store.LoadPeers())
            Peers.Remember(peer);
        Peers.StaticPeers.AddRange(_options.StaticPeers);
        _ = Task.Run(() => RunLoopAsync(stopping), CancellationToken.None);
        Post(new StartConsensus());
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(Genesis.BlockPeriodMs / 4, MinTickMs, MaxTickMs)));
            while (await timer.WaitForNextTickAsync(stopping))
                Post(Tick.Instance);
        }, CancellationToken.None);
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(EventLoopLagProbe.IntervalMs));
            while (await timer.WaitForNextTickAsync(stopping))
                Post(LoopLag.Sample());
        }, CancellationToken.None);
    }

    public void OnPeerAuthenticated(PeerConnection peer)
    {
        var hello = peer.Hello!;
        _store.SavePeer(new PeerRecord(hello.NodeId, hello.Host, hello.P2PPort, hello.RpcPort, hello.Address, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Post(new PeerConnected(hello.Address, hello.Height));
    }

    /// <summary>Called on a connection's read loop: hands the message to the event loop (dropped when the loop is full).</summary>
    public void OnPeerMessage(PeerConnection peer, P2PMessage message)
    {
        if (message is NewTransaction gossip)
            PreverifyBallot(gossip.Transaction);
        Post(new PeerMessageReceived(peer.RemoteAddress!.Value, message));
    }

    /// <summary>
    /// Admits a client's transaction: its ballot proofs are checked on the caller's thread first (only for a vote whose
    /// signature and signer pass), then the core decides on the loop.
    /// </summary>
    public async Task<RpcRejection?> SubmitAsync(Transaction tx)
    {
        await Task.Run(() => PreverifyBallot(tx));
        var effects = await InvokeAsync(() => Core.Handle(new TransactionSubmitted(tx)));
        return effects.OfType<SubmissionVerdict>().Single().Rejection;
    }

    /// <summary>The verdict of <see cref="NodeCore.Handle"/> for a submission, run synchronously (tests of an unstarted node).</summary>
    public RpcRejection? Admit(Transaction tx)
    {
        PreverifyBallot(tx);
        lock (_sync)
        {
            var verdict = Apply(Core.Handle(new TransactionSubmitted(tx))).OfType<SubmissionVerdict>().Single().Rejection;
            Volatile.Write(ref _snapshot, Publish(_snapshot));
            return verdict;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the event loop (state only the loop may touch, e.g. the mempool) and returns its result.</summary>
    public async Task<T> ReadOnLoopAsync<T>(Func<T> read)
    {
        var result = default(T)!;
        await InvokeAsync(() =>
        {
            result = read();
            return [];
        });
        return result;
    }

    /// <summary>Verifies a vote's ballot proofs off the loop, so admission on the loop checks no proof (<see cref="NodeCore.PreverifyBallot"/>).</summary>
    public void PreverifyBallot(Transaction tx)
    {
        if (!Core.IsVoteToPreverify(tx))
            return;
        ElectionInfo? election;
        lock (_sync)
            election = Core.ElectionToPreverify(tx);
        if (election is not null)
            Core.PreverifyBallot(election, tx);
    }

    private void Post(NodeInput input) => Post(() => Apply(Core.Handle(input)));

    private void Post(Action action) => _inbox.Writer.TryWrite(action);

    /// <summary>Runs <paramref name="handle"/> on the event loop, carries out its effects and returns them.</summary>
    private Task<IReadOnlyList<NodeEffect>> InvokeAsync(Func<IReadOnlyList<NodeEffect>> handle)
    {
        var tcs = new TaskCompletionSource<IReadOnlyList<NodeEffect>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var caller = Activity.Current; // so spans on the loop join the caller's trace (e.g. the RPC request's)
        var action = () =>
        {
            var previous = Activity.Current;
            Activity.Current = caller;
            try
            {
                tcs.SetResult(Apply(handle()));
            }
            catch (Exception e)
            {
                tcs.SetException(e);
            }
            finally
            {
                Activity.Current = previous;
            }
        };
        if (!_inbox.Writer.TryWrite(action))
            tcs.SetException(new InvalidOperationException("the node is overloaded"));
        return tcs.Task;
    }

    /// <summary>Carries out the core's effects (on the loop, after the core persisted what they depend on).</summary>
    private IReadOnlyList<NodeEffect> Apply(IReadOnlyList<NodeEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SendToPeer send:
                    Peers.SendTo(send.Peer, send.Message);
                    break;
                case BroadcastToPeers broadcast:
                    Peers.Broadcast(broadcast.Message, broadcast.Except);
                    break;
                case ScheduleTimeout schedule:
                    var delay = TimeSpan.FromMilliseconds(Math.Max(0, schedule.Timeout.DueMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                    _ = Task.Delay(delay).ContinueWith(_ => Post(new TimeoutElapsed(schedule.Timeout)), TaskScheduler.Default);
                    break;
                case DisconnectPeer disconnect:
                    Peers.Disconnect(disconnect.Peer, disconnect.Reason);
                    break;
            }
        }
        return effects;
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var action in _inbox.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    lock (_sync)
                    {
                        action();
                        Volatile.Write(ref _snapshot, Publish(_snapshot));
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _logger.LogError(e, "event loop action failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The snapshot of the core as it is now (on the loop): the head's new blocks join the recent ones.</summary>
    private NodeSnapshot Publish(NodeSnapshot? previous)
    {
        var height = State.Height;
        var recent = previous?.Recent ?? [];
        if (previous is null || previous.Height != height)
        {
            var first = Math.Max(previous is null ? 1 : previous.Height + 1, height > NodeCore.BlockCacheMaxCount ? height - NodeCore.BlockCacheMaxCount + 1 : 1);
            var added = new List<Block>();
            for (var h = first; h <= height; h++)
                added.Add(Core.BlockAt(h)!);
            if (added.Count > 0 && !recent.IsEmpty && recent[^1].Index + 1 != added[0].Index)
                recent = [];
            recent = NodeSnapshot.Advance(recent, added, NodeCore.BlockCacheMaxCount, NodeCore.BlockCacheMaxBytes);
        }
        var equivocations = previous?.Equivocations ?? [];
        var current = Core.Equivocations;
        if (equivocations.Count != current.Count || (current.Count > 0 && !ReferenceEquals(equivocations[^1], current[^1])))
            equivocations = current.ToArray();
        var engine = Engine;
        return new NodeSnapshot(State.Head, State.HeadHash, State.TransactionCount, engine?.Round, engine?.Step, engine?.IsAbstaining,
            Core.IsSyncing, Core.BestPeerHeight, Mempool.Count, Mempool.Bytes, equivocations, recent);
    }

    public void Dispose() => Telemetry.Dispose();
}
