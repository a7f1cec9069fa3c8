using System.CommandLine;
using EVoting.Chain;
using EVoting.Cli;

namespace EVoting.Tests.Cli;

public sealed class KeysGenerateTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-keys-" + Guid.NewGuid().ToString("N"));

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Keys_generate_writes_env_and_a_genesis_naming_the_keys_addresses()
    {
        var (exit, stdout, _) = await Run("keys", "generate", "--out", _dir, "--validators", "4");
        Assert.Equal(0, exit);

        var env = File.ReadAllLines(Path.Combine(_dir, ".env"))
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        Assert.Equal(5, env.Count);
        var genesis = Genesis.LoadFile(Path.Combine(_dir, "genesis.json"));
        for (var i = 1; i <= 4; i++)
        {
            var key = EthKey.FromHex(env[$"VALIDATOR_{i}_PRIVATE_KEY"]);
            Assert.Equal(key.Address, genesis.Validators[i - 1]);
            // The address Nethereum derives and checksums (EIP-55) for the same key is the genesis's.
            Assert.Equal(new Nethereum.Signer.EthECKey(env[$"VALIDATOR_{i}_PRIVATE_KEY"]).GetPublicAddress(), genesis.Validators[i - 1].ToString());
            Assert.Contains(key.Address.ToString(), stdout);
            Assert.DoesNotContain(env[$"VALIDATOR_{i}_PRIVATE_KEY"][2..], stdout);
        }
        var submitter = EthKey.FromHex(env["API_SUBMITTER_PRIVATE_KEY"]);
        Assert.Equal([submitter.Address], genesis.Submitters);
        Assert.DoesNotContain(env["API_SUBMITTER_PRIVATE_KEY"][2..], stdout);
        Assert.Contains(genesis.Hash.ToString(), stdout);
        Assert.Equal(1337UL, genesis.ChainId);
        Assert.True(genesis.BlockPeriodMs > 0 && genesis.MaxTxsPerBlock > 0);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, ".env")));
    }

    [Fact]
    public async Task Keys_generate_refuses_to_overwrite_without_force()
    {
        Assert.Equal(0, (await Run("keys", "generate", "--out", _dir)).Exit);
        var before = File.ReadAllText(Path.Combine(_dir, ".env"));

        var (exit, _, stderr) = await Run("keys", "generate", "--out", _dir);
        Assert.Equal(1, exit);
        Assert.Contains("--force", stderr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_dir, ".env")));

        Assert.Equal(0, (await Run("keys", "generate", "--out", _dir, "--force")).Exit);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(_dir, ".env")));
    }

    [Theory]
    [InlineData("keys", "generate")]
    [InlineData("keys", "generate", "--out", "x", "--validators", "0")]
    [InlineData("keys", "generate", "--out", "x", "--validators", "three")]
    public async Task Keys_generate_reports_usage_errors(params string[] args)
    {
        var (exit, _, stderr) = await Run(args);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.NotEmpty(stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
