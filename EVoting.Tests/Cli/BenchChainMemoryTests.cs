using EVoting.Cli;

namespace EVoting.Tests.Cli;

/// <summary>`evoting bench chain-memory` runs and refuses bad input (its figure is recorded in docs/benchmarks.md, not asserted).</summary>
public sealed class BenchChainMemoryTests
{
    [Fact]
    public async Task It_prints_the_per_vote_figure_and_refuses_a_non_positive_count()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new System.CommandLine.InvocationConfiguration { Output = output, Error = error };

        Assert.Equal(0, await CliApp.RunAsync(["bench", "chain-memory", "--votes", "3000"], config));
        Assert.Matches(@"^3000 votes, index on the heap: live heap [+-][\d.]+ MB = -?\d+ bytes per vote; apply [\d.]+ µs per vote; nullifier lookup [\d.]+ µs found, [\d.]+ µs not found\r?\n" +
            @"3000 votes, index on the sqlite: live heap [+-][\d.]+ MB", output.ToString());
        Assert.Equal(CliApp.UsageError, await CliApp.RunAsync(["bench", "chain-memory", "--votes", "0"], config));
        Assert.Contains("--votes must be positive", error.ToString());
    }
}
