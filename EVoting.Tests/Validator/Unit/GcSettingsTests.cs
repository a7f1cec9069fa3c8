using System.Text.Json.Nodes;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// The validator's runtime settings that keep its memory flat under sustained load (docs/benchmarks.md, "Memory"):
/// workstation GC, and gen-2 compaction when background collections leave it fragmented. Read from the
/// runtimeconfig.json the build writes beside the validator (copied here with the project reference).
/// </summary>
public sealed class GcSettingsTests
{
    [Fact]
    public void The_validator_runs_workstation_GC_that_compacts_a_fragmented_gen_2()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EVoting.Validator.runtimeconfig.json")))!;
        var properties = config["runtimeOptions"]!["configProperties"]!;

        Assert.False((bool)properties["System.GC.Server"]!);
        Assert.Equal(7, (int)properties["System.GC.ConserveMemory"]!);
    }
}
