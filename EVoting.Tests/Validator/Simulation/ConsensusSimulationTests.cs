using Xunit;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The deterministic simulation (issue 4): many seeds, each a different mix of delay, loss,
/// duplication, reordering, partitions, crashes and restarts with and without wiping. Every seed
/// checks agreement (no two final blocks at one height, prefixes agree), honest signing (never two
/// different signatures for one slot), liveness after healing, and exactly-once finality of
/// every submitted transaction. A failure names its seed; replay it with
/// <see cref="Replay_one_seed"/> by setting SIM_SEED (and SIM_N, SIM_BYZANTINE).
/// </summary>
public sealed class ConsensusSimulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3, false, 0, 300)]
    [InlineData(4, false, 10_000, 200)]
    [InlineData(4, true, 20_000, 200)]
    public void Random_faults_never_break_safety_and_progress_resumes_after_healing(int validators, bool byzantine, int firstSeed, int seeds)
    {
        var failures = new List<string>();
        long heights = 0, equivocations = 0, roundChanges = 0;
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var world = new SimWorld(seed, validators, byzantine);
            var violations = world.Run();
            heights += world.Honest.Max(n => (long)n.FinalHeight);
            equivocations += world.EquivocationsReported;
            roundChanges += world.RoundChanges;
            if (violations.Count > 0)
                failures.Add($"seed {seed} (SIM_SEED={seed} SIM_N={validators} SIM_BYZANTINE={byzantine}): {string.Join("; ", violations.Take(3))}");
        }
        output.WriteLine($"{seeds} seeds, n={validators}, byzantine={byzantine}: {heights} final heights, {roundChanges} round changes, {equivocations} equivocations reported");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        if (byzantine)
            Assert.True(equivocations > 0, "the Byzantine validator's conflicting messages were never reported");
    }

    [Fact]
    public void Replay_one_seed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SIM_SEED"), out var s) ? s : 1;
        var n = int.TryParse(Environment.GetEnvironmentVariable("SIM_N"), out var v) ? v : 3;
        var byzantine = Environment.GetEnvironmentVariable("SIM_BYZANTINE") == "True";
        var world = new SimWorld(seed, n, byzantine);
        var trace = new List<string>();
        if (Environment.GetEnvironmentVariable("SIM_TRACE") is { Length: > 0 } path)
            world.Trace = trace.Add;
        var violations = world.Run();
        if (world.Trace is not null)
            File.WriteAllLines(Environment.GetEnvironmentVariable("SIM_TRACE")!, trace);
        foreach (var node in world.Nodes)
            output.WriteLine($"node {node.Index}: up={node.IsUp} height={node.FinalHeight} round={node.Engine?.Round}");
        Assert.True(violations.Count == 0, $"seed {seed}: " + string.Join("; ", violations));
    }
}
