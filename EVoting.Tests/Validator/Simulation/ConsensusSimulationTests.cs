using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The deterministic simulation on the production node core (issue 15; docs/consensus.md#tests): many seeds, each a
/// different mix of delay, loss, duplication, reordering, partitions, crashes (also between persist and send),
/// restarts, lost databases, a forger in other validators' names and, with 4 validators, one Byzantine validator.
/// Every seed checks agreement (no two final blocks at one height among honest nodes), honest signing (never two
/// different messages for one slot, from what the honest nodes sent), liveness after healing and exactly-once
/// finality of every submitted transaction. A failure names its seed; replay it with <see cref="Replay_one_seed"/>
/// (SIM_SEED, SIM_N, SIM_BYZANTINE: the attacks by name, e.g. "All" or "Equivocation, InvalidBlocks"; SIM_TRACE: a file).
/// </summary>
public sealed class ConsensusSimulationTests(ITestOutputHelper output)
{
    /// <summary>The Byzantine validator's attacks the engine withstands today (the others: <see cref="Byzantine_attacks_on_the_engines_open_gaps"/>).</summary>
    public const ByzantineAttacks Covered = ByzantineAttacks.Equivocation | ByzantineAttacks.InvalidBlocks;

    /// <summary>1,000 seeds per run: 500 with 3 validators, 300 with 4, 200 with 4 of which one is Byzantine.</summary>
    [Theory]
    [InlineData(3, ByzantineAttacks.None, 0, 500)]
    [InlineData(4, ByzantineAttacks.None, 10_000, 300)]
    [InlineData(4, Covered, 20_000, 200)]
    public void Random_faults_and_attacks_never_break_safety_and_progress_resumes_after_healing(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds) =>
        RunSeeds(validators, byzantine, firstSeed, seeds);

    /// <summary>
    /// Attacks of a Byzantine validator that stall the network for good in some seeds (safety holds in every one): its
    /// tampered copies (same block hash, a bad proposer signature: the verdict sticks to the hash for the height), its
    /// votes for later rounds (near ones: a second value in its vote-set slot, so the third, a genuine proof-of-lock vote
    /// carried in an honest re-proposal, is ignored and a locked node's re-proposal is refused; far ones with the same
    /// effect once a round is reached). Issue 15 items 4 and 5, the engine's; un-skip when they land.
    /// </summary>
    [Theory(Skip = "liveness gaps of the engine, issue 15 items 4 and 5 (e.g. seeds 20007, 20008, 20009, 20013 stall)")]
    [InlineData(4, ByzantineAttacks.All, 20_000, 200)]
    public void Byzantine_attacks_on_the_engines_open_gaps(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds) =>
        RunSeeds(validators, byzantine, firstSeed, seeds);

    private void RunSeeds(int validators, ByzantineAttacks byzantine, int firstSeed, int seeds)
    {
        var failures = new ConcurrentBag<(int Seed, string Text)>();
        long heights = 0, evidence = 0, disconnects = 0, crashes = 0;
        var watch = Stopwatch.StartNew();
        Parallel.For(firstSeed, firstSeed + seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            using var world = new SimWorld(seed, validators, byzantine);
            var violations = world.Run();
            Interlocked.Add(ref heights, (long)world.Honest.Max(n => n.FinalHeight));
            Interlocked.Add(ref evidence, world.EvidenceRecorded);
            Interlocked.Add(ref disconnects, world.Disconnects);
            Interlocked.Add(ref crashes, world.CrashesBeforeSend);
            if (violations.Count > 0)
                failures.Add((seed, $"seed {seed} (SIM_SEED={seed} SIM_N={validators} SIM_BYZANTINE=\"{byzantine}\"): {string.Join("; ", violations.Take(3))}"));
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
        using var world = new SimWorld(seed, n, byzantine);
        var trace = new List<string>();
        if (Environment.GetEnvironmentVariable("SIM_TRACE") is { Length: > 0 })
            world.Trace = trace.Add;
        var violations = world.Run();
        if (world.Trace is not null)
            File.WriteAllLines(Environment.GetEnvironmentVariable("SIM_TRACE")!, trace);
        foreach (var node in world.Nodes)
            output.WriteLine($"node {node.Index}: up={node.IsUp} height={node.FinalHeight} round={node.Core?.Engine?.Round} abstaining={node.Core?.Engine?.IsAbstaining}");
        Assert.True(violations.Count == 0, $"seed {seed}: " + string.Join("; ", violations));
    }
}
