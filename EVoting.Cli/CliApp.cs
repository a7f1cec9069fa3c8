using System.CommandLine;
using EVoting.Cli.Commands;

namespace EVoting.Cli;

/// <summary>The `evoting` command tree, shared by Program and the tests.</summary>
public static class CliApp
{
    /// <summary>Exit code for a command line that does not parse (0 success, 1 the command's own failure).</summary>
    public const int UsageError = 2;

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("evoting: keys and genesis, ballots, independent verification and load for EVoting");
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(RollCommand.Create());
        var bench = BenchBallotsCommand.Create();
        bench.Subcommands.Add(BenchChainMemoryCommand.Create());
        bench.Subcommands.Add(BenchSignaturesCommand.Create());
        bench.Subcommands.Add(BenchThresholdCommand.Create());
        root.Subcommands.Add(bench);
        root.Subcommands.Add(BallotCommand.Create());
        root.Subcommands.Add(TallyCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(GuardianCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await configuration.Error.WriteLineAsync(error.Message);
            await configuration.Error.WriteLineAsync("Run with --help for usage.");
            return UsageError;
        }
        return await parse.InvokeAsync(configuration);
    }
}
