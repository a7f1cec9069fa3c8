using System.CommandLine;
using EVoting.Ballots;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting ballot encrypt`, `evoting ballot verify` and `evoting ballot audit` (<see cref="BallotAuditCommand"/>): the
/// ballot cryptography of docs/ballot-crypto.md from the command line. verify exits 0 valid, 1 invalid (reason on
/// stderr), 2 usage error.
/// </summary>
public static class BallotCommand
{
    public static Command Create()
    {
        var ballot = new Command("ballot", "Encrypt or verify an EVOTE-V1 ballot");
        ballot.Subcommands.Add(CreateEncrypt());
        ballot.Subcommands.Add(CreateVerify());
        ballot.Subcommands.Add(BallotAuditCommand.Create());
        return ballot;
    }

    private sealed record ElectionOptions(Option<ulong> Id, Option<string> Key, Option<int> Candidates, Option<int> MaxSelections)
    {
        public static ElectionOptions Create() => new(
            new Option<ulong>("--election-id") { Description = "Election id", Required = true },
            new Option<string>("--public-key") { Description = "Election public key K (33-byte compressed, lowercase hex)", Required = true },
            new Option<int>("--candidates") { Description = "Number of candidates k", Required = true },
            new Option<int>("--max-selections") { Description = "Most candidates a voter may select (L)", DefaultValueFactory = _ => 1 });

        public void AddTo(Command command)
        {
            command.Options.Add(Id);
            command.Options.Add(Key);
            command.Options.Add(Candidates);
            command.Options.Add(MaxSelections);
        }

        /// <summary>The election, or null after writing the usage error.</summary>
        public Election? Read(ParseResult parse)
        {
            try
            {
                return Election.FromHex(parse.GetValue(Id), parse.GetValue(Key)!, parse.GetValue(Candidates), parse.GetValue(MaxSelections));
            }
            catch (BallotFormatException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"invalid election parameters: {e.Message}");
                return null;
            }
        }
    }

    private static Command CreateEncrypt()
    {
        var election = ElectionOptions.Create();
        var choice = new Option<int[]>("--choice")
        {
            Description = "Chosen candidate, 1-based (repeat for several when L > 1; 0 or none = abstain)",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write the ballot JSON here instead of stdout" };
        var encrypt = new Command("encrypt", "Encrypt a ballot with its proofs (prints the ballot JSON)");
        election.AddTo(encrypt);
        encrypt.Options.Add(choice);
        encrypt.Options.Add(output);
        encrypt.SetAction(parse =>
        {
            var e = election.Read(parse);
            if (e is null)
                return CliApp.UsageError;
            var chosen = (parse.GetValue(choice) ?? []).Where(c => c != 0).ToArray();
            if (chosen.Any(c => c < 0 || c > e.Candidates) || chosen.Distinct().Count() != chosen.Length || chosen.Length > e.MaxSelections)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"--choice must name distinct candidates in 1..{e.Candidates}, at most {e.MaxSelections} of them");
                return CliApp.UsageError;
            }
            var selections = Enumerable.Range(1, e.Candidates).Select(i => chosen.Contains(i) ? 1 : 0).ToArray();
            var ballot = BallotEncryptor.Encrypt(e, selections);
            var json = BallotJson.Serialize(ballot);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, json + "\n");
                parse.InvocationConfiguration.Output.WriteLine($"ballot hash: {BallotHash.ComputeHex(e, ballot)}");
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine(json);
            }
            return 0;
        });
        return encrypt;
    }

    private static Command CreateVerify() => ElectionFileCommand("verify",
        "Verify a ballot's proofs: exit 0 valid, 1 invalid (reason on stderr), 2 usage error", "Ballot JSON file ('-' for stdin)",
        (parse, e, json) =>
        {
            Ballot ballot;
            try
            {
                ballot = BallotJson.Parse(json);
            }
            catch (BallotFormatException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"invalid: {ex.Message}");
                return 1;
            }
            if (BallotVerifier.Verify(e, ballot) is { } reason)
            {
                parse.InvocationConfiguration.Error.WriteLine($"invalid: {reason}");
                return 1;
            }
            parse.InvocationConfiguration.Output.WriteLine($"valid; ballot hash {BallotHash.ComputeHex(e, ballot)}");
            return 0;
        });

    /// <summary>Files larger than this are refused unread: a ballot, or a hundred challenged ballots, is far smaller.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>
    /// A command over an election (the options) and one JSON file ('-' for stdin): `verify` and `audit`. Usage errors
    /// (bad election values, a file that cannot be read) exit 2 before <paramref name="run"/> sees anything.
    /// </summary>
    internal static Command ElectionFileCommand(string name, string description, string fileDescription, Func<ParseResult, Election, string, int> run)
    {
        var election = ElectionOptions.Create();
        var file = new Argument<FileInfo>("file") { Description = fileDescription };
        var command = new Command(name, description);
        election.AddTo(command);
        command.Arguments.Add(file);
        command.SetAction(parse =>
            election.Read(parse) is { } e && ReadInput(parse, parse.GetValue(file)!) is { } json ? run(parse, e, json) : CliApp.UsageError);
        return command;
    }

    /// <summary>The file's text ('-' reads stdin), or null after writing why it cannot be read.</summary>
    private static string? ReadInput(ParseResult parse, FileInfo path)
    {
        try
        {
            if (path.Name != "-" && path.Exists && path.Length > MaxFileBytes)
                throw new IOException($"larger than {MaxFileBytes >> 20} MiB");
            return path.Name == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"cannot read {path}: {ex.Message}");
            return null;
        }
    }
}
