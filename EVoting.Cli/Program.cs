using System.CommandLine;
using EVoting.Cli.Commands;

var root = new RootCommand("evoting: keys and genesis, ballots, independent verification and load for EVoting");
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
return await root.Parse(args).InvokeAsync();
