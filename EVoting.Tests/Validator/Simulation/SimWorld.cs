using EVoting.Validator.Consensus;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// One seeded run: n validators (optionally one Byzantine), random faults for a while (loss,
/// duplication, partitions, crashes, restarts with and without wiping), then a healed network with
/// everyone up, or (a third of the seeds) with only a quorum up. Records every final block and every honest signature to check the properties.
/// </summary>
internal sealed class SimWorld
{
    public const long FaultPhaseMs = 6_000;
    public const long LivenessBoundMs = 6_000;
    private const long ClientResendMs = 400;

    private readonly Random _random;
    private readonly Dictionary<ulong, string> _finalByHeight = new();
    private readonly Dictionary<(int, ulong, int, ConsensusStep), string?> _signatures = new();
    private readonly List<string> _violations = [];
    private readonly List<string> _submitted = [];

    public SimWorld(int seed, int validators, bool withByzantine)
    {
        Seed = seed;
        _random = new Random(seed);
        Parameters = new ConsensusParameters(validators, RoundTimeoutMs: 200, BlockPeriodMs: 100, MaxEmptyIntervalMs: 800);
        Scheduler = new SimScheduler();
        Network = new SimNetwork(this, new Random(seed * 7919 + 1));
        var byzantineIndex = withByzantine ? _random.Next(validators) : -1;
        Nodes = Enumerable.Range(0, validators).Select(i => new SimNode(this, i, i == byzantineIndex)).ToArray();
    }

    public int Seed { get; }

    public ConsensusParameters Parameters { get; }

    public SimScheduler Scheduler { get; }

    public SimNetwork Network { get; }

    public SimNode[] Nodes { get; }

    /// <summary>When set (replays), every fault, signature and commit is written here.</summary>
    public Action<string>? Trace { get; set; }

    public void Log(string line) => Trace?.Invoke($"{Scheduler.Now,6} {line}");

    public int EquivocationsReported { get; set; }

    public int RoundChanges { get; set; }

    public IReadOnlyList<string> Violations => _violations;

    public IEnumerable<SimNode> Honest => Nodes.Where(n => !n.Byzantine);

    public void RecordFinal(SimNode node, SimBlock block)
    {
        Log($"n{node.Index} commits h{block.Height} {block.Id} ({block.Txs.Count} txs)");
        if (node.Byzantine)
            return;
        if (_finalByHeight.TryGetValue(block.Height, out var existing) && existing != block.Id)
            _violations.Add($"two final blocks at height {block.Height}: {existing} and {block.Id} (node {node.Index})");
        _finalByHeight.TryAdd(block.Height, block.Id);
    }

    public void RecordSignature(int validator, ulong height, int round, ConsensusStep step, string? valueId)
    {
        Log($"n{validator} signs {step} h{height}/r{round} {valueId ?? "nil"}");
        var key = (validator, height, round, step);
        if (_signatures.TryGetValue(key, out var earlier) && earlier != valueId)
            _violations.Add($"validator {validator} signed {step} at h{height}/r{round} for {earlier ?? "nil"} and {valueId ?? "nil"}");
        _signatures[key] = valueId;
    }

    /// <summary>Runs the scenario and returns the list of violated properties (empty = pass).</summary>
    public IReadOnlyList<string> Run()
    {
        Log($"loss/dup/delay chosen next; n={Nodes.Length} byzantine={string.Join(",", Nodes.Where(n => n.Byzantine).Select(n => n.Index))}");
        foreach (var node in Nodes)
            node.Start();
        Network.LossRate = _random.NextDouble() * 0.25;
        Network.DuplicateRate = _random.NextDouble() * 0.1;
        Network.MaxDelayMs = _random.Next(5, 120);
        ScheduleFaults();
        ScheduleClient(untilMs: FaultPhaseMs + 1_000);

        Scheduler.RunUntil(FaultPhaseMs);
        Heal();
        var heightAtHeal = Honest.Max(n => n.FinalHeight);
        Scheduler.RunUntil(FaultPhaseMs + LivenessBoundMs);
        CheckAgreement();
        CheckLiveness(heightAtHeal);
        CheckTransactions();
        return _violations;
    }

    private void ScheduleFaults()
    {
        var n = Nodes.Length;
        var events = _random.Next(2, 7);
        for (var i = 0; i < events; i++)
        {
            var at = (long)_random.Next(200, (int)FaultPhaseMs - 500);
            var duration = (long)_random.Next(200, 2_500);
            switch (_random.Next(3))
            {
                case 0:
                    var group = Enumerable.Range(0, n).Select(_ => _random.Next(2)).ToArray();
                    Scheduler.At(at, () => { Log("partition " + string.Join(",", group)); Network.Partition(group); });
                    Scheduler.At(at + duration, () => { Log("partition healed"); Network.Partition(null); });
                    break;
                default:
                    var victim = _random.Next(n);
                    // A wiped node abstains for a height; a second fault at the same time (another
                    // wiped node, or the Byzantine one) exceeds what n - q tolerates, so keep it single.
                    var wipe = !Nodes.Any(n => n.Byzantine) && _random.Next(3) == 0;
                    Scheduler.At(at, () => { Log($"n{victim} crashes"); Nodes[victim].Crash(); });
                    Scheduler.At(at + duration, () =>
                    {
                        if (Nodes[victim].IsUp)
                            return;
                        var doWipe = wipe && !Nodes.Any(n => n.StateLost);
                        Log($"n{victim} restarts{(doWipe ? " wiped" : "")}");
                        if (doWipe)
                            Nodes[victim].Wipe();
                        Nodes[victim].Start();
                    });
                    break;
            }
        }
    }

    /// <summary>The client behaves like the API's outbox: submits, then resends what is not final yet.</summary>
    private void ScheduleClient(long untilMs)
    {
        var count = _random.Next(5, 40);
        for (var i = 0; i < count; i++)
        {
            var tx = $"tx-{Seed}-{i}";
            var at = (long)_random.Next(0, (int)FaultPhaseMs);
            Scheduler.At(at, () =>
            {
                _submitted.Add(tx);
                Resend(tx, untilMs + LivenessBoundMs);
            });
        }
    }

    private void Resend(string tx, long untilMs)
    {
        if (Scheduler.Now > untilMs || Honest.Any(n => n.IsUp && n.IsFinal(tx)))
            return;
        var up = Nodes.Where(n => n.IsUp && !n.Byzantine).ToList();
        if (up.Count > 0)
            up[_random.Next(up.Count)].SubmitTx(tx);
        Scheduler.At(Scheduler.Now + ClientResendMs, () => Resend(tx, untilMs));
    }

    /// <summary>
    /// The faults stop. A third of the seeds heal with only a quorum: one validator stays down (or is
    /// crashed now), unless that would add to a Byzantine or a wiped, still abstaining one (n - q = 1
    /// fault is all that is tolerated); the others heal with everyone up.
    /// </summary>
    private void Heal()
    {
        Network.Partition(null);
        Network.LossRate = 0;
        var victim = Nodes[_random.Next(Nodes.Length)];
        var quorumOnly = _random.Next(3) == 0 && !Nodes.Any(n => n.Byzantine || (n != victim && n.StateLost));
        Log(quorumOnly ? $"heal without n{victim.Index}" : "heal");
        if (quorumOnly && victim.IsUp)
            victim.Crash();
        foreach (var node in Nodes.Where(n => !n.IsUp && !(quorumOnly && n == victim)))
            node.Start();
    }

    private void CheckAgreement()
    {
        var honest = Honest.ToList();
        for (var a = 0; a < honest.Count; a++)
        {
            for (var b = a + 1; b < honest.Count; b++)
            {
                var x = honest[a].Chain;
                var y = honest[b].Chain;
                for (var h = 0; h < Math.Min(x.Count, y.Count); h++)
                {
                    if (x[h].Id != y[h].Id)
                    {
                        _violations.Add($"chains of {honest[a].Index} and {honest[b].Index} differ at height {h}");
                        break;
                    }
                }
            }
        }
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
        var longest = Honest.OrderByDescending(n => n.FinalHeight).First().Chain;
        var counts = longest.SelectMany(b => b.Txs).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var tx in _submitted)
        {
            var count = counts.GetValueOrDefault(tx);
            if (count != 1)
                _violations.Add($"transaction {tx} is final {count} times");
        }
    }
}
