using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Cli;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>`evoting ballot encrypt|verify` and `evoting tally verify`, run in-process through the real command tree.</summary>
public sealed class BallotCliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("evoting-ballot-cli-");
    private static readonly string Key = BallotFixtures.Key.PublicKeyHex;

    public void Dispose() => dir.Delete(recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private string PathOf(string name) => Path.Combine(dir.FullName, name);

    private static string[] Election(int candidates) => ["--election-id", "7", "--public-key", Key, "--candidates", candidates.ToString()];

    [Fact]
    public async Task Ballot_from_encrypt_passes_verify()
    {
        var (code, stdout, _) = await Run(["ballot", "encrypt", .. Election(5), "--choice", "3"]);
        Assert.Equal(0, code);
        File.WriteAllText(PathOf("b.json"), stdout);
        var verify = await Run(["ballot", "verify", .. Election(5), PathOf("b.json")]);
        Assert.Equal(0, verify.Code);
        Assert.Contains("valid", verify.Out);
        Assert.Equal(BallotHash.ComputeHex(BallotFixtures.Election(), BallotJson.Parse(stdout)), verify.Out.Trim().Split(' ')[^1]);
    }

    [Fact]
    public async Task Encrypt_with_out_writes_the_file_and_prints_the_hash()
    {
        var (code, stdout, _) = await Run(["ballot", "encrypt", .. Election(4), "--max-selections", "2", "--choice", "1", "--choice", "4", "--out", PathOf("b.json")]);
        Assert.Equal(0, code);
        Assert.StartsWith("ballot hash: ", stdout);
        Assert.Equal(0, (await Run(["ballot", "verify", .. Election(4), "--max-selections", "2", PathOf("b.json")])).Code);
        Assert.Equal(1, (await Run(["ballot", "verify", .. Election(4), PathOf("b.json")])).Code);
    }

    [Fact]
    public async Task Flipping_any_byte_of_an_encrypted_ballot_makes_verify_fail()
    {
        await Run(["ballot", "encrypt", .. Election(1), "--choice", "1", "--out", PathOf("b.json")]);
        var original = File.ReadAllText(PathOf("b.json"));
        Assert.Equal(0, (await Run(["ballot", "verify", .. Election(1), PathOf("b.json")])).Code);
        for (var i = 0; i < original.Length; i++)
        {
            // A hex digit becomes another hex digit (a meaningful change), anything else becomes 'x' (or 'y').
            var c = original[i];
            var flipped = char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c) ? (c == '0' ? '1' : '0') : c == 'x' ? 'y' : 'x';
            File.WriteAllText(PathOf("t.json"), original[..i] + flipped + original[(i + 1)..]);
            var (code, _, err) = await Run(["ballot", "verify", .. Election(1), PathOf("t.json")]);
            Assert.True(code == 1, $"byte {i} ('{c}' -> '{flipped}') was accepted: exit {code} {err}");
            Assert.StartsWith("invalid: ", err);
        }
    }

    [Fact]
    public async Task Invalid_ballot_exits_1_with_the_reason_on_stderr()
    {
        File.WriteAllText(PathOf("b.json"), (await Run(["ballot", "encrypt", .. Election(3), "--choice", "2"])).Out);
        var (code, _, err) = await Run(["ballot", "verify", "--election-id", "8", "--public-key", Key, "--candidates", "3", PathOf("b.json")]);
        Assert.Equal(1, code);
        Assert.Contains(BallotErrors.WrongElection, err);
    }

    [Theory]
    [InlineData("ballot", "verify", "--election-id", "7", "--candidates", "3", "b.json")]
    [InlineData("ballot", "verify", "--election-id", "7", "--public-key", "zz", "--candidates", "3", "b.json")]
    [InlineData("ballot", "verify", "--election-id", "7", "--public-key", "KEY", "--candidates", "0", "b.json")]
    [InlineData("ballot", "verify", "--election-id", "7", "--public-key", "KEY", "--candidates", "3", "missing.json")]
    [InlineData("ballot", "encrypt", "--election-id", "7", "--public-key", "KEY", "--candidates", "3", "--choice", "4")]
    [InlineData("ballot", "encrypt", "--election-id", "7", "--public-key", "KEY", "--candidates", "3", "--choice", "1", "--choice", "2")]
    [InlineData("ballot", "encrypt", "--election-id", "x", "--public-key", "KEY", "--candidates", "3")]
    [InlineData("tally", "verify")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        File.WriteAllText(PathOf("b.json"), "{}");
        var resolved = args.Select(a => a == "KEY" ? Key : a.EndsWith(".json") ? PathOf(a) : a).ToArray();
        var (code, _, err) = await Run(resolved);
        Assert.Equal(2, code);
        Assert.NotEmpty(err);
    }

    [Fact]
    public async Task Tally_verify_accepts_a_valid_published_result_and_rejects_a_tampered_one()
    {
        var cases = VectorFiles.Read("tally.json")["cases"]!.AsArray();
        foreach (var item in cases)
        {
            var e = item!["election"]!;
            var file = new JsonObject
            {
                ["election_id"] = e["election_id"]!.DeepClone(),
                ["public_key"] = e["public_key"]!.DeepClone(),
                ["election_hash"] = e["election_hash"]!.DeepClone(),
                ["results"] = item["results"]!.DeepClone(),
            };
            File.WriteAllText(PathOf("tally.json"), file.ToJsonString());
            var (code, stdout, err) = await Run("tally", "verify", PathOf("tally.json"));
            if (item["reason"] is null)
            {
                Assert.True(code == 0, $"{item["name"]}: {err}");
                Assert.StartsWith("valid", stdout);
            }
            else
            {
                Assert.Equal(1, code);
                Assert.Contains(item["reason"]!.GetValue<string>(), err);
            }
        }
    }

    [Fact]
    public async Task Tally_verify_rejects_an_election_hash_that_does_not_match()
    {
        var item = VectorFiles.Read("tally.json")["cases"]![0]!;
        var file = new JsonObject
        {
            ["election_id"] = 12,
            ["public_key"] = item["election"]!["public_key"]!.DeepClone(),
            ["election_hash"] = item["election"]!["election_hash"]!.DeepClone(),
            ["results"] = item["results"]!.DeepClone(),
        };
        File.WriteAllText(PathOf("tally.json"), file.ToJsonString());
        var (code, _, err) = await Run("tally", "verify", PathOf("tally.json"));
        Assert.Equal(1, code);
        Assert.Contains("election_hash", err);
    }

    [Fact]
    public void Bench_ballots_times_every_verification_backend()
    {
        var output = new StringWriter();
        EVoting.Cli.Commands.BenchBallotsCommand.Run(2, 3, 10, output);
        var text = output.ToString();
        Assert.Contains($"verification backend in use: {BallotVerifier.Backend}", text);
        foreach (var backend in EVoting.Ballots.Arithmetic.VerificationArithmetic.Available)
            Assert.Contains($"{backend.Name}: verify batch, parallelism 1", text);
        Assert.Contains("BouncyCastle: verify, one at a time", text);
        Assert.Contains("tally total", text);
    }
}
