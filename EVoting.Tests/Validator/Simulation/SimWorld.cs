using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Telemetry;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// One seeded run of n production node cores (optionally one Byzantine): random faults for a while (loss,
/// duplication, delay, partitions, crashes, crashes between persist and send, restarts, lost databases), a forger
/// and (with a Byzantine validator) the attacks of <see cref="SimAdversary"/>; then a healed network with everyone up,
/// or (a third of the seeds) with only a quorum up. Records every final block and every message the honest nodes
/// sent, to check agreement, honest signing, liveness after healing and exactly-once finality.
/// </summary>
internal sealed class SimWorld : IDisposable
{
    public const long FaultPhaseMs = 4_000;
    /// <summary>After healing every honest node that is up must finalize a block within this (3 validators: any 2 agree)...</summary>
    public const long LivenessBoundMs = 4_000;

    /// <summary>
    /// ...and with 4, where a quorum is 3: with one validator abstaining (lost database), down or Byzantine, the other
    /// three must all agree, and one of them locked on a block accepts only a re-proposal of it with its proof, which
    /// may wait for that node's own proposer round (every fourth) while the round timeouts grow by half the base per round.
    /// </summary>
    public const long LivenessBoundWithFourMs = 10_000;

    public const int BlockPeriodMs = 100;
    public const int RoundTimeoutMs = 200;
    private const long ClientResendMs = 400;
    private const long AttackIntervalMs = 150;
    private const double MaxCrashBeforeSendRate = 0.004;

    private static readonly ActivitySource Spans = new("EVoting.Tests.Simulation");

    private readonly Random _random;
    private readonly Dictionary<ulong, Hash32> _finalByHeight = [];
    private readonly Dictionary<(int, ulong, int, string), Hash32?> _sent = [];
    private readonly List<string> _violations = [];
    private readonly List<Transaction> _submitted = [];
    private readonly double _crashBeforeSendRate;
    private readonly EthKey _submitter;

    public SimWorld(int seed, int validators, ByzantineAttacks byzantine)
    {
        Seed = seed;
        _random = new Random(seed);
        var keys = Enumerable.Range(0, validators).Select(i => KeyFor(seed, "validator", i)).ToArray();
        _submitter = KeyFor(seed, "submitter", 0);
        Genesis = new Genesis
        {
            ChainId = 1337,
            Timestamp = 1_700_000_000,
            Validators = keys.Select(k => k.Address).ToArray(),
            Submitters = [_submitter.Address],
            BlockPeriodMs = BlockPeriodMs,
            RoundTimeoutMs = RoundTimeoutMs,
            MaxTxsPerBlock = 8,
        };
        Scheduler = new SimScheduler();
        Clock = new SimClock(Scheduler, Genesis.Timestamp * 1000 + 1_000);
        Telemetry = new ValidatorTelemetry(Spans, () => default);
        BallotRule = new CachingBallotRule(new EVoting.Ballots.BallotRule(), capacity: 64);
        Network = new SimNetwork(this, new Random(seed * 7919 + 1));
        Adversary = new SimAdversary(this, new Random(seed * 104_729 + 3), byzantine);
        var byzantineIndex = byzantine != ByzantineAttacks.None ? _random.Next(validators) : -1;
        Nodes = keys.Select((key, i) => new SimValidator(this, i, key, i == byzantineIndex)).ToArray();
        _crashBeforeSendRate = _random.NextDouble() * MaxCrashBeforeSendRate;
    }

    public int Seed { get; }

    public long LivenessBound => Nodes.Length >= 4 ? LivenessBoundWithFourMs : LivenessBoundMs;

    public Genesis Genesis { get; }

    public SimScheduler Scheduler { get; }

    public SimClock Clock { get; }

    public ValidatorTelemetry Telemetry { get; }

    public CachingBallotRule BallotRule { get; }

    public SimNetwork Network { get; }

    public SimAdversary Adversary { get; }

    public SimValidator[] Nodes { get; }

    /// <summary>When set (replays), faults, starts, crashes and commits are written here.</summary>
    public Action<string>? Trace { get; set; }

    public void Log(string line) => Trace?.Invoke($"{Scheduler.Now,6} {line}");

    public int RoundChanges => (int)Honest.Sum(n => (long)(n.Core?.Engine?.Round ?? 0));

    public long Disconnects { get; private set; }

    public long CrashesBeforeSend { get; private set; }

    public IEnumerable<SimValidator> Honest => Nodes.Where(n => !n.Byzantine);

    /// <summary>Equivocation evidence the honest nodes persisted.</summary>
    public int EvidenceRecorded => Honest.Sum(n => n.Store.EvidenceCount);

    public int IndexOf(Address address) => Array.FindIndex(Nodes, n => n.Address == address);

    /// <summary>A deterministic key per seed, so a replay signs (RFC 6979) exactly what the failing run signed.</summary>
    private static EthKey KeyFor(int seed, string role, int index) =>
        EthKey.FromHex(Convert.ToHexString(Keccak.Hash(System.Text.Encoding.UTF8.GetBytes($"sim|{seed}|{role}|{index}"))));

    /// <summary>Both ends of a new session learn the other's claimed height (the hello).</summary>
    public void Connect(SimValidator a, SimValidator b)
    {
        var (ha, hb) = (a.FinalHeight, b.FinalHeight);
        Scheduler.At(Scheduler.Now + 1, () =>
        {
            a.Handle(new PeerConnected(b.Address, hb));
            b.Handle(new PeerConnected(a.Address, ha));
        });
    }

    /// <summary>After every input of a node: its new final blocks must agree with every honest node's.</summary>
    public void Observe(SimValidator node)
    {
        if (node.Byzantine || node.Core is not { } core)
            return;
        var height = core.State.Height;
        if (height == 0 || _finalByHeight.GetValueOrDefault(height) == core.State.HeadHash)
            return;
        for (var h = height; h >= 1; h--)
        {
            var hash = core.BlockAt(h)!.Hash;
            if (_finalByHeight.TryGetValue(h, out var known))
            {
                if (known != hash)
                    _violations.Add($"two final blocks at height {h}: {known} and {hash} (node {node.Index})");
                break;
            }
            _finalByHeight[h] = hash;
            Log($"n{node.Index} final h{h} {hash}");
        }
    }

    /// <summary>Every consensus message an honest node sent: two different ones for one slot is a double sign.</summary>
    public void RecordSent(SimValidator node, P2PMessage message)
    {
        (ulong Height, int Round, string Step, Hash32? Value)? slot = message switch
        {
            ProposalMessage p => (p.Height, p.Round, "propose", p.Block.Hash),
            VoteMessage v when v.Validator == node.Address => (v.Height, v.Round, v.Type.ToString(), v.BlockHash),
            _ => null,
        };
        if (slot is not { } s)
            return;
        if (Trace is not null && !_sent.ContainsKey((node.Index, s.Height, s.Round, s.Step)))
            Log($"n{node.Index} sends {s.Step} h{s.Height}/r{s.Round} {s.Value?.ToString()[..10] ?? "nil"}");
        var key = (node.Index, s.Height, s.Round, s.Step);
        if (_sent.TryGetValue(key, out var earlier) && earlier != s.Value)
            _violations.Add($"honest validator {node.Index} signed {s.Step} at h{s.Height}/r{s.Round} for {earlier?.ToString() ?? "nil"} and {s.Value?.ToString() ?? "nil"}");
        _sent[key] = s.Value;
    }

    /// <summary>Sometimes a node crashes after the core persisted an input's outcome but before its messages leave; it restarts later.</summary>
    public bool CrashesBetweenPersistAndSend(SimValidator node, IReadOnlyList<NodeEffect> effects)
    {
        if (effects.Count == 0 || _random.NextDouble() >= _crashBeforeSendRate || Scheduler.Now >= FaultPhaseMs)
            return false;
        CrashesBeforeSend++;
        node.Crash($"between persist and send of {effects.Count} effects");
        Scheduler.At(Scheduler.Now + _random.Next(50, 800), () =>
        {
            if (!node.IsUp)
                node.Start();
        });
        return true;
    }

    public void NoteDisconnect(SimValidator node, DisconnectPeer disconnect)
    {
        Disconnects++;
        Log($"n{node.Index} drops the session with n{IndexOf(disconnect.Peer)}: {disconnect.Reason}");
    }

    /// <summary>Runs the scenario and returns the list of violated properties (empty = pass); liveness only when <paramref name="checkLiveness"/>.</summary>
    public IReadOnlyList<string> Run(bool checkLiveness = true)
    {
        Network.LossRate = _random.NextDouble() * 0.25;
        Network.DuplicateRate = _random.NextDouble() * 0.1;
        Network.MaxDelayMs = _random.Next(5, 120);
        Log($"n={Nodes.Length} byzantine={string.Join(",", Nodes.Where(n => n.Byzantine).Select(n => n.Index))} loss={Network.LossRate:F2} dup={Network.DuplicateRate:F2} delay<={Network.MaxDelayMs}");
        foreach (var node in Nodes)
            node.Start();
        ScheduleFaults();
        ScheduleAttacks();
        ScheduleClient();

        Scheduler.RunUntil(FaultPhaseMs);
        Heal();
        var heightAtHeal = Honest.Max(n => n.FinalHeight);
        Scheduler.RunUntil(FaultPhaseMs + LivenessBound);
        if (checkLiveness)
        {
            CheckLiveness(heightAtHeal);
            CheckTransactions();
        }
        else
        {
            CheckTransactionsAtMostOnce();
        }
        return _violations;
    }

    private void ScheduleFaults()
    {
        var n = Nodes.Length;
        var events = _random.Next(2, 7);
        for (var i = 0; i < events; i++)
        {
            var at = (long)_random.Next(200, (int)FaultPhaseMs - 500);
            var duration = (long)_random.Next(200, 2_000);
            switch (_random.Next(3))
            {
                case 0:
                    var group = Enumerable.Range(0, n).Select(_ => _random.Next(2)).ToArray();
                    Scheduler.At(at, () => { Log("partition " + string.Join(",", group)); Network.Partition(group); });
                    Scheduler.At(at + duration, () => { Log("partition healed"); HealPartition(); });
                    break;
                default:
                    var victim = Nodes[_random.Next(n)];
                    // A node that lost its database abstains for a height; a second fault at the same time (another
                    // such node, or the Byzantine one) exceeds what n - q tolerates, so keep it single.
                    var loseDatabase = !Nodes.Any(x => x.Byzantine) && _random.Next(3) == 0;
                    Scheduler.At(at, () => { if (victim.IsUp) victim.Crash("fault"); });
                    Scheduler.At(at + duration, () =>
                    {
                        if (victim.IsUp)
                            return;
                        if (loseDatabase && !Nodes.Any(x => x.StateLost))
                        {
                            Log($"n{victim.Index} loses its database");
                            victim.Store.LoseDatabase();
                        }
                        victim.Start();
                    });
                    break;
            }
        }
    }

    /// <summary>The forger every seed; with a Byzantine validator also its round inflation.</summary>
    private void ScheduleAttacks()
    {
        for (var at = AttackIntervalMs; at < FaultPhaseMs + LivenessBound; at += AttackIntervalMs)
        {
            Scheduler.At(at, () =>
            {
                var claimed = Nodes[_random.Next(Nodes.Length)];
                var target = Nodes[_random.Next(Nodes.Length)];
                if (claimed != target && target.IsUp && !target.Byzantine)
                    Adversary.Forge(claimed, target);
                if (Nodes.FirstOrDefault(x => x.Byzantine) is { IsUp: true } byzantine && _random.Next(2) == 0)
                    Adversary.InflateRounds(byzantine);
            });
        }
    }

    private void HealPartition()
    {
        var separated = Nodes.SelectMany(a => Nodes.Where(b => a.Index < b.Index && !Network.Connected(a.Index, b.Index)).Select(b => (a, b))).ToList();
        Network.Partition(null);
        foreach (var (a, b) in separated)
        {
            if (a.IsUp && b.IsUp)
                Connect(a, b);
        }
    }

    /// <summary>The client behaves like the API's outbox: submits, then resends what is not final yet.</summary>
    private void ScheduleClient()
    {
        var count = _random.Next(5, 30);
        var electionKey = new byte[33];
        electionKey[0] = 0x02;
        for (var i = 0; i < count; i++)
        {
            electionKey[1..].AsSpan().Fill((byte)(i + 1));
            var tx = new Transaction
            {
                Kind = TxKind.ElectionOpen,
                ChainId = Genesis.ChainId,
                ElectionId = (ulong)(i + 1),
                Timestamp = Genesis.Timestamp + i,
                PublicKey = (byte[])electionKey.Clone(),
                Candidates = 3,
                MaxSelections = 1,
            }.Sign(_submitter);
            var at = (long)_random.Next(0, (int)FaultPhaseMs);
            Scheduler.At(at, () =>
            {
                _submitted.Add(tx);
                Resend(tx);
            });
        }
    }

    private void Resend(Transaction tx)
    {
        if (Honest.Any(n => n.Core?.State.HasTransaction(tx.Hash) == true))
            return;
        var up = Honest.Where(n => n.IsUp).ToList();
        if (up.Count > 0)
            up[_random.Next(up.Count)].Handle(new TransactionSubmitted(tx));
        Scheduler.At(Scheduler.Now + ClientResendMs, () => Resend(tx));
    }

    /// <summary>
    /// The faults stop. A third of the seeds heal with only a quorum: one validator stays down (or is crashed
    /// now), unless that would add to a Byzantine one or one that lost its database and still abstains (n - q = 1
    /// fault is all that is tolerated); the others heal with everyone up.
    /// </summary>
    private void Heal()
    {
        HealPartition();
        Network.LossRate = 0;
        var victim = Nodes[_random.Next(Nodes.Length)];
        var quorumOnly = _random.Next(3) == 0 && !Nodes.Any(n => n.Byzantine || (n != victim && n.StateLost));
        Log(quorumOnly ? $"heal without n{victim.Index}" : "heal");
        if (quorumOnly && victim.IsUp)
            victim.Crash("stays down");
        foreach (var node in Nodes.Where(n => !n.IsUp && !(quorumOnly && n == victim)))
            node.Start();
    }

    private void CheckLiveness(ulong heightAtHeal)
    {
        foreach (var node in Honest.Where(n => n.IsUp))
        {
            if (node.FinalHeight <= heightAtHeal)
                _violations.Add($"node {node.Index} made no progress after heal: height {node.FinalHeight}, at heal {heightAtHeal}");
        }
    }

    private void CheckTransactions()
    {
        var longest = Honest.Where(n => n.IsUp).MaxBy(n => n.FinalHeight)!.Core!;
        var counts = longest.BlocksBetween(1, longest.State.Height).SelectMany(b => b.Transactions).GroupBy(t => t.Hash).ToDictionary(g => g.Key, g => g.Count());
        foreach (var tx in _submitted)
        {
            var count = counts.GetValueOrDefault(tx.Hash);
            if (count != 1)
                _violations.Add($"transaction {tx.ElectionId} is final {count} times");
        }
    }

    /// <summary>Without liveness: still no transaction final twice on any honest chain.</summary>
    private void CheckTransactionsAtMostOnce()
    {
        foreach (var node in Honest.Where(n => n.IsUp))
        {
            var core = node.Core!;
            foreach (var twice in core.BlocksBetween(1, core.State.Height).SelectMany(b => b.Transactions).GroupBy(t => t.Hash).Where(g => g.Count() > 1))
                _violations.Add($"transaction {twice.First().ElectionId} is final {twice.Count()} times on node {node.Index}");
        }
    }

    public void Dispose() => Telemetry.Dispose();
}
