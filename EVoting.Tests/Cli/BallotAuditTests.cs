using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Cli;

namespace EVoting.Tests.Cli;

/// <summary>
/// `evoting ballot audit` on the shared challenged ballots of testdata/trustees: the C#- and TypeScript-made ones
/// check, and every negative one is reported with the reason negative.json names, with exit code 1.
/// </summary>
public sealed class BallotAuditTests : IDisposable
{
    private static readonly string Vectors = Path.Combine(RepositoryRoot.Path, "testdata", "trustees");
    private readonly string _dir = Directory.CreateTempSubdirectory("evoting-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Vectors, name)))!;

    private string Write(JsonNode json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Audit(JsonNode election, string file)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["ballot", "audit", file, "--election-id", election["election_id"]!.ToJsonString(), "--public-key", election["public_key"]!.GetValue<string>(),
             "--candidates", election["candidates"]!.ToJsonString(), "--max-selections", election["max_selections"]!.ToJsonString()],
            new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("csharp-ceremony.json")]
    [InlineData("ts-ceremony.json")]
    public async Task A_vector_challenged_ballot_checks_and_the_output_says_what_was_checked(string vector)
    {
        var v = Load(vector);
        var challenged = v["challenged_ballot"]!["challenged"]!;

        var (exit, stdout, stderr) = await Audit(v["election"]!, Write(challenged.DeepClone()));

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"election {v["election"]!["election_id"]}", stdout);
        Assert.Contains("range and sum proofs verify", stdout);
        Assert.Contains("α = ξ·G and β = (m + ξ)·K", stdout);
        var chosen = challenged["selections"]!.AsArray().Select((m, i) => (m!.GetValue<int>(), i + 1)).Single(x => x.Item1 == 1).Item2;
        Assert.Contains($"it encrypts a vote for candidate {chosen}", stdout);
        Assert.Contains("all 1 challenged ballot(s) check", stdout);
    }

    [Fact]
    public async Task Every_negative_challenged_ballot_is_reported_with_its_reason_and_exit_code_1()
    {
        var negative = Load("negative.json");
        var cases = negative["cases"]!.AsArray().Where(c => c!["kind"]!.GetValue<string>() == "challenged_ballot").ToList();
        Assert.True(cases.Count >= 5, "negative.json has its challenged ballot cases");
        foreach (var c in cases)
        {
            var (exit, stdout, _) = await Audit(negative["election"]!, Write(c!["challenged"]!.DeepClone()));
            Assert.True(exit == 1, $"{c["name"]}: exit {exit}\n{stdout}");
            Assert.Contains("INVALID: " + c["reason"]!.GetValue<string>(), stdout);
        }
    }

    [Fact]
    public async Task An_array_as_the_api_lists_it_is_checked_item_by_item_and_one_bad_item_fails_the_file()
    {
        var good = Load("csharp-ceremony.json");
        var negative = Load("negative.json");
        var mismatch = negative["cases"]!.AsArray().First(c => c!["name"]!.GetValue<string>().Contains("nonce does not match"))!;
        var valid = good["challenged_ballot"]!["challenged"]!;

        var allGood = await Audit(good["election"]!, Write(new JsonArray(valid.DeepClone(), valid.DeepClone())));
        var oneBad = await Audit(negative["election"]!, Write(new JsonArray(valid.DeepClone(), mismatch["challenged"]!.DeepClone())));

        Assert.True(allGood.Exit == 0, allGood.Out);
        Assert.Contains("all 2 challenged ballot(s) check", allGood.Out);
        Assert.Equal(1, oneBad.Exit);
        Assert.Contains("challenged ballot 1 of 2: tracking code", oneBad.Out);
        Assert.Contains("challenged ballot 2 of 2: INVALID: " + mismatch["reason"]!.GetValue<string>(), oneBad.Out);
        Assert.Contains("1 of 2 challenged ballot(s) do not check", oneBad.Out);
    }

    [Fact]
    public async Task The_key_comes_from_the_options_so_another_elections_key_fails_the_check()
    {
        var v = Load("csharp-ceremony.json");
        var other = Load("ts-ceremony.json")["election"]!.DeepClone();
        other["election_id"] = v["election"]!["election_id"]!.DeepClone();

        var (exit, stdout, _) = await Audit(other, Write(v["challenged_ballot"]!["challenged"]!.DeepClone()));

        Assert.Equal(1, exit);
        Assert.Contains("INVALID", stdout);
    }

    [Fact]
    public async Task Not_json_an_empty_array_and_a_missing_file_are_errors()
    {
        var election = Load("csharp-ceremony.json")["election"]!;
        var notJson = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(notJson, "{\"election_id\": 42,", TestContext.Current.CancellationToken);

        Assert.Equal(1, (await Audit(election, notJson)).Exit);
        var empty = await Audit(election, Write(new JsonArray()));
        Assert.Equal(1, empty.Exit);
        Assert.Contains("no challenged ballot", empty.Out);
        var missing = await Audit(election, Path.Combine(_dir, "absent.json"));
        Assert.Equal(CliApp.UsageError, missing.Exit);
        Assert.Contains("cannot read", missing.Err);
    }
}
