using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The deterministic simulation on the production node core (issue 15; docs/consensus.md#tests): many seeds, each a
/// different mix of delay, loss, duplication, reordering, partitions, crashes (also between persist and send),
/// restarts, lost databases, a forger in other validators' names and, with 4 validators, one Byzantine validator.
/// Every seed checks agreement (no two final blocks at one height among honest nodes) and honest signing (never two
/// different messages for one slot, from what the honest nodes sent); liveness after healing and exactly-once finality
/// of every submitted transaction (with a Byzantine validator in tests of their own). A failure names its seed; replay
/// it with <see cref="Replay_one_seed"/> (SIM_SEED, SIM_N, SIM_BYZANTINE: the attacks by name, e.g. "All" or
/// "Equivocation, InvalidBlocks"; SIM_LIVENESS=0: safety only; SIM_TRACE: a file).
/// </summary>
public sealed class ConsensusSimulationTests(ITestOutputHelper output)
{
    /// <summary>800 seeds with honest validators only: safety and liveness after healing in every seed.</summary>
    [Theory]
    [InlineData(3, 0, 500)]
    [InlineData(4, 10_000, 300)]
    public void Random_faults_and_attacks_never_break_safety_and_progress_resumes_after_healing(int validators, int firstSeed, int seeds) =>
        RunSeeds(validators, ByzantineAttacks.None, firstSeed, seeds, checkLiveness: true);

    /// <summary>
    /// 200 seeds with 4 validators, one of them Byzantine with every attack of <see cref="SimAdversary"/>: safety in
    /// every seed (liveness: <see cref="Byzantine_attacks_do_not_stall_the_network"/>).
    /// </summary>
    [Theory]
    [InlineData(4, 20_000, 200)]
    public void A_byzantine_validator_never_breaks_safety(int validators, int firstSeed, int seeds) =>
        RunSeeds(validators, ByzantineAttacks.All, firstSeed, seeds, checkLiveness: false);

    /// <summary>
    /// Liveness with the Byzantine validator: 200 seeds of its equivocation alone, and 200 of every attack (where seed
    /// 20155 stalled for good until a vote its vote-set slot had no room for counted inside a proof of lock:
    /// ProofOfLockSlotTests).
    /// </summary>
    [Theory]
    [InlineData(4, ByzantineAttacks.Equivocation, 20_000, 200)]
    public void Byzantine_equivocation_does_not_stall_the_network(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds) =>
        RunSeeds(validators, byzantine, firstSeed, seeds, checkLiveness: true);

    [Theory]
    [InlineData(4, ByzantineAttacks.All, 20_000, 200)]
    public void Byzantine_attacks_do_not_stall_the_network(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds) =>
        RunSeeds(validators, byzantine, firstSeed, seeds, checkLiveness: true);

    private void RunSeeds(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds, bool checkLiveness)
    {
        var failures = new ConcurrentBag<(int Seed, string Text)>();
        long heights = 0, evidence = 0, disconnects = 0, crashes = 0;
        var watch = Stopwatch.StartNew();
        Parallel.For(firstSeed, firstSeed + seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            using var world = new SimWorld(seed, validators, byzantine);
            var violations = world.Run(checkLiveness);
            Interlocked.Add(ref heights, (long)world.Honest.Max(n => n.FinalHeight));
            Interlocked.Add(ref evidence, world.EvidenceRecorded);
            Interlocked.Add(ref disconnects, world.Disconnects);
            Interlocked.Add(ref crashes, world.CrashesBeforeSend);
            if (violations.Count > 0)
                failures.Add((seed, $"seed {seed} (SIM_SEED={seed} SIM_N={validators} SIM_BYZANTINE=\"{byzantine}\"{(checkLiveness ? "" : " SIM_LIVENESS=0")}): {string.Join("; ", violations.Take(3))}"));
        });
        output.WriteLine($"{seeds} seeds, n={validators}, byzantine={byzantine} in {watch.Elapsed.TotalSeconds:F1} s: {heights} final heights, "
            + $"{crashes} crashes between persist and send, {disconnects} sessions dropped for bad messages, {evidence} equivocations recorded");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.OrderBy(f => f.Seed).Take(10).Select(f => f.Text)));
        if (byzantine.HasFlag(ByzantineAttacks.Equivocation))
            Assert.True(evidence > 0, "the Byzantine validator's conflicting messages were never recorded as evidence");
    }

    [Fact]
    public void Replay_one_seed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SIM_SEED"), out var s) ? s : 1;
        var n = int.TryParse(Environment.GetEnvironmentVariable("SIM_N"), out var v) ? v : 3;
        var byzantine = Enum.TryParse<ByzantineAttacks>(Environment.GetEnvironmentVariable("SIM_BYZANTINE"), out var b) ? b : ByzantineAttacks.None;
        var checkLiveness = Environment.GetEnvironmentVariable("SIM_LIVENESS") != "0";
        using var world = new SimWorld(seed, n, byzantine);
        var trace = new List<string>();
        if (Environment.GetEnvironmentVariable("SIM_TRACE") is { Length: > 0 })
            world.Trace = trace.Add;
        var violations = world.Run(checkLiveness);
        if (world.Trace is not null)
            File.WriteAllLines(Environment.GetEnvironmentVariable("SIM_TRACE")!, trace);
        foreach (var node in world.Nodes)
            output.WriteLine($"node {node.Index}: up={node.IsUp} height={node.FinalHeight} round={node.Core?.Engine?.Round} abstaining={node.Core?.Engine?.IsAbstaining}");
        Assert.True(violations.Count == 0, $"seed {seed}: " + string.Join("; ", violations));
    }
}
