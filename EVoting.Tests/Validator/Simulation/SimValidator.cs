using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// One validator of the simulation: the production <see cref="NodeCore"/> (real blocks, real signatures, the real
/// <see cref="PersistentSigningGuard"/>) over a <see cref="MemoryChainStore"/> that outlives its crashes. The
/// simulation is its shell: it delivers inputs, carries out the effects through <see cref="SimNetwork"/> and the
/// scheduler, and may crash the node after an input, once the core has persisted but before anything is sent.
/// A Byzantine validator runs a core whose guard allows everything, and its effects go through the
/// <see cref="SimAdversary"/>.
/// </summary>
internal sealed class SimValidator(SimWorld world, int index, EthKey key, bool byzantine)
{
    /// <summary>The node's tick period (the real node's is a quarter block period, 20 to 100 ms).</summary>
    public const long TickMs = 50;

    private int _incarnation;

    public int Index { get; } = index;

    public EthKey Key { get; } = key;

    public Address Address => Key.Address;

    public bool Byzantine { get; } = byzantine;

    public MemoryChainStore Store { get; } = new();

    public NodeCore? Core { get; private set; }

    public bool IsUp => Core is not null;

    /// <summary>Its database was lost and it has not signed since (it abstains; the real node would too).</summary>
    public bool StateLost => Store.HasSigned && !Store.HasSigningState;

    public ulong FinalHeight => Core?.State.Height ?? 0;

    /// <summary>Starts (or restarts) the node from its store, as the process would from its data directory.</summary>
    public void Start()
    {
        var incarnation = ++_incarnation;
        Core = new NodeCore(world.Genesis, Key, Store, world.BallotRule, world.Clock, world.Telemetry,
            guard: Byzantine ? new AnythingGoesGuard() : null);
        world.Log($"n{Index} starts at height {Core.State.Height}{(StateLost ? " (signing state lost)" : "")}");
        Handle(new StartConsensus());
        foreach (var peer in world.Nodes)
        {
            if (peer != this && peer.IsUp && world.Network.Connected(Index, peer.Index))
                world.Connect(this, peer);
        }
        ScheduleTick(incarnation);
    }

    public void Crash(string why)
    {
        world.Log($"n{Index} crashes ({why})");
        Core = null;
        _incarnation++;
    }

    /// <summary>One input; the effects are carried out unless the world crashes the node between persist and send.</summary>
    public void Handle(NodeInput input)
    {
        if (Core is null)
            return;
        if (world.Trace is not null && input is PeerMessageReceived { Message: ProposalMessage p } m)
            world.Log($"n{Index} <- n{world.IndexOf(m.Peer)} proposal h{p.Height}/r{p.Round} pol{p.PolRound} {p.Block.Hash.ToString()[..10]} (at r{Core.Engine?.Round}/{Core.Engine?.Step})");
        var effects = Core.Handle(input);
        world.Observe(this);
        if (!Byzantine && world.CrashesBetweenPersistAndSend(this, effects))
            return;
        foreach (var effect in effects)
            CarryOut(effect);
        if (Byzantine && input is PeerMessageReceived received)
            world.Adversary.OnReceived(this, received);
    }

    private void CarryOut(NodeEffect effect)
    {
        switch (effect)
        {
            case SendToPeer send:
                Send(world.IndexOf(send.Peer), send.Message);
                break;
            case BroadcastToPeers broadcast:
                foreach (var peer in world.Nodes)
                {
                    if (peer != this && peer.Address != broadcast.Except)
                        Send(peer.Index, broadcast.Message);
                }
                break;
            case ScheduleTimeout schedule:
                var incarnation = _incarnation;
                world.Scheduler.At(world.Clock.ToSchedulerTime(schedule.Timeout.DueMs), () =>
                {
                    if (incarnation == _incarnation)
                        Handle(new TimeoutElapsed(schedule.Timeout));
                });
                break;
            case DisconnectPeer disconnect:
                world.NoteDisconnect(this, disconnect);
                break;
        }
    }

    private void Send(int to, P2PMessage message)
    {
        if (Byzantine)
        {
            world.Adversary.Send(this, to, message);
            return;
        }
        world.RecordSent(this, message);
        world.Network.Send(Index, to, message);
    }

    private void ScheduleTick(int incarnation)
    {
        world.Scheduler.At(world.Scheduler.Now + TickMs, () =>
        {
            if (incarnation != _incarnation)
                return;
            Handle(Tick.Instance);
            ScheduleTick(incarnation);
        });
    }

    /// <summary>The Byzantine validator's guard: it signs whatever its core asks, twice if the adversary likes.</summary>
    private sealed class AnythingGoesGuard : ISigningGuard
    {
        public SigningState? State { get; private set; }

        public bool TryAuthorize(ulong height, int round, ConsensusStep step, Hash32? valueId, LockState lockState)
        {
            State = SigningRules.Next(State, height, round, step, valueId, lockState) ?? State;
            return true;
        }
    }
}
