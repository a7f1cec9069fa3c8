using System.CommandLine;
using EVoting.Chain;
using EVoting.Cli;

namespace EVoting.Tests.Api;

/// <summary>
/// The auditor's commands (`evoting verify`, `evoting tally verify --api`) through the real command
/// tree: what they say when the command line is wrong or nothing answers (exit 2, never an
/// exception). Their checks against a real chain and API are in VotingWorkflowTests and OutboxFaultTests.
/// </summary>
public sealed class AuditCliTests : IDisposable
{
    // Nothing listens on the discard port: connections are refused at once.
    private const string Closed = "http://127.0.0.1:9";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("evoting-audit-cli-");
    private readonly string _genesis;

    public AuditCliTests()
    {
        _genesis = Path.Combine(_dir.FullName, "genesis.json");
        File.WriteAllText(_genesis, new Genesis
        {
            ChainId = 1337, Timestamp = 1_700_000_000,
            Validators = [EthKey.Generate().Address, EthKey.Generate().Address, EthKey.Generate().Address],
            Submitters = [EthKey.Generate().Address],
        }.ToJson());
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("not-a-url", null)]
    [InlineData("ftp://127.0.0.1/rpc", null)]
    [InlineData(Closed, "localhost:8000")]
    public async Task Verify_with_a_url_that_is_not_absolute_http_is_a_usage_error(string rpc, string? api)
    {
        string[] args = api is null ? ["verify", "--rpc", rpc, "--genesis", _genesis] : ["verify", "--rpc", rpc, "--api", api, "--genesis", _genesis];
        var (code, _, err) = await Run(args);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("absolute http(s) URLs", err);
    }

    [Fact]
    public async Task Verify_with_a_missing_or_broken_genesis_says_which_file()
    {
        var missing = Path.Combine(_dir.FullName, "nowhere.json");
        var (code, _, err) = await Run("verify", "--rpc", Closed, "--genesis", missing);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains($"cannot load genesis {missing}", err);

        var broken = Path.Combine(_dir.FullName, "broken.json");
        File.WriteAllText(broken, "{\"chain_id\":");
        (code, _, err) = await Run("verify", "--rpc", Closed, "--genesis", broken);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("cannot load genesis", err);
    }

    [Fact]
    public async Task Verify_against_a_validator_that_does_not_answer_exits_2_with_the_reason()
    {
        var (code, output, _) = await Run("verify", "--rpc", Closed, "--genesis", _genesis);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("verify: could not read", output);
    }

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("/api")]
    public async Task Tally_verify_with_an_api_that_is_not_a_url_is_a_usage_error(string api)
    {
        var (code, _, err) = await Run("tally", "verify", "--api", api, "--election-id", "1");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--api must be an absolute http(s) URL", err);
    }

    [Fact]
    public async Task Tally_verify_against_an_api_that_does_not_answer_exits_2_with_the_reason()
    {
        var (code, _, err) = await Run("tally", "verify", "--api", Closed, "--election-id", "1");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("cannot read the tally", err);

        (code, _, err) = await Run("tally", "verify", "--api", Closed);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--election-id", err);
    }
}
