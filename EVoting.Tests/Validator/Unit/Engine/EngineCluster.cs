using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.Node;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>
/// n real <see cref="TendermintEngine"/>s deciding real blocks (the node's block rules, secp256k1 signatures on every
/// proposal and vote) over a network the test controls, in virtual time. <see cref="Deliver"/> is the network: what
/// reaches a node when another sends a message (nothing: dropped; a tampered copy: an attacker on the path).
/// </summary>
internal sealed class EngineCluster
{
    public const long LatencyMs = 5;
    public const long TickMs = 50;

    private readonly PriorityQueue<Action, (long Time, long Seq)> _events = new();
    private long _seq;

    public EngineCluster(int validators)
    {
        Genesis = TestTransactions.CreateGenesis(validators, out var keys, out var submitter, blockPeriodMs: 100, roundTimeoutMs: 200);
        Keys = keys;
        Submitter = submitter;
        Txs = new TestTransactions(Genesis, submitter);
        Mapping = new ConsensusMapping(Genesis);
        Parameters = new ConsensusParameters(validators, Genesis.RoundTimeoutMs, Genesis.BlockPeriodMs, 10L * Genesis.BlockPeriodMs);
        Now = Genesis.GenesisBlock.Header.TimestampMs + 60_000;
        Hosts = Enumerable.Range(0, validators).Select(i => new BlockHost(this, i)).ToArray();
    }

    public Genesis Genesis { get; }

    public EthKey[] Keys { get; }

    public EthKey Submitter { get; }

    public TestTransactions Txs { get; }

    public ConsensusMapping Mapping { get; }

    public ConsensusParameters Parameters { get; }

    public BlockHost[] Hosts { get; }

    /// <summary>Virtual time, unix ms.</summary>
    public long Now { get; private set; }

    public Func<int, int, IConsensusMessage, IEnumerable<IConsensusMessage>> Deliver { get; set; } = (_, _, message) => [message];

    /// <summary>Every node starts at height 1 (a new network) and ticks every <see cref="TickMs"/>.</summary>
    public void Start()
    {
        foreach (var host in Hosts)
        {
            host.Engine.Start(1, stateWasLost: false);
            Tick(host);
        }
    }

    /// <summary>A cluster with no working network (each node sees only what the test hands it), started at height 1.</summary>
    public static EngineCluster Isolated(int validators)
    {
        var cluster = new EngineCluster(validators) { Deliver = (_, _, _) => [] };
        cluster.Start();
        cluster.Run(100);
        return cluster;
    }

    private void Tick(BlockHost host) => At(Now + TickMs, () =>
    {
        host.Engine.Tick();
        Tick(host);
    });

    public void Submit(Transaction tx)
    {
        foreach (var host in Hosts)
            host.Pending.Add(tx);
    }

    public void Send(int from, IConsensusMessage message)
    {
        for (var to = 0; to < Hosts.Length; to++)
        {
            if (to == from)
                continue;
            var target = Hosts[to];
            foreach (var delivered in Deliver(from, to, message))
                At(Now + LatencyMs, () => target.Receive(delivered));
        }
    }

    public void At(long time, Action action) => _events.Enqueue(action, (Math.Max(time, Now), _seq++));

    /// <summary>Runs events until <paramref name="done"/> holds (true) or <paramref name="maxMs"/> of virtual time pass (false).</summary>
    public bool RunUntil(Func<bool> done, long maxMs)
    {
        var end = Now + maxMs;
        while (!done())
        {
            if (!_events.TryPeek(out _, out var next) || next.Time > end)
            {
                Now = end;
                return false;
            }
            var action = _events.Dequeue();
            Now = Math.Max(Now, next.Time);
            action();
        }
        return true;
    }

    public void Run(long ms) => RunUntil(() => false, ms);

    /// <summary>A vote signed by validator <paramref name="validator"/>'s key (for messages a test sends as that validator).</summary>
    public ConsensusVote Vote(int validator, ConsensusStep step, ulong height, int round, Hash32? valueId)
    {
        var vote = new ConsensusVote(step, height, round, valueId, validator);
        return vote with { Signature = Mapping.SignVote(Keys[validator], vote) };
    }

    /// <summary>A proposal signed by its proposer's key (for proposals a test sends as that validator).</summary>
    public ConsensusProposal Proposal(ConsensusProposal unsigned) =>
        unsigned with { Signature = Mapping.SignProposal(Keys[unsigned.Validator], unsigned) };

    /// <summary>The certificate of a final block as a decision a peer would send (new_block, sync).</summary>
    public ConsensusDecision DecisionOf(Block final) =>
        new(final.Index, final.Commit!.Round, new BlockValue(final), Mapping.PrecommitsOf(final));
}
