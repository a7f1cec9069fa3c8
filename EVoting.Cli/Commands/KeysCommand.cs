using System.CommandLine;
using EVoting.Chain;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting keys generate`: the seed design's generate_keys step. Writes DIR/.env with the private
/// keys and DIR/genesis.json naming their addresses; prints only addresses, never a key.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Validator and submitter keys, and the genesis that names them");
        keys.Subcommands.Add(CreateGenerate());
        return keys;
    }

    private static Command CreateGenerate()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory for .env and genesis.json", Required = true };
        var validators = new Option<int>("--validators") { Description = "Number of validators", DefaultValueFactory = _ => 3 };
        var force = new Option<bool>("--force") { Description = "Overwrite existing .env and genesis.json" };
        var chainId = new Option<ulong>("--chain-id") { Description = "Chain id", DefaultValueFactory = _ => 1337 };
        var blockPeriod = new Option<int>("--block-period-ms") { Description = "Block period in milliseconds", DefaultValueFactory = _ => 1000 };
        var maxTxs = new Option<int>("--max-txs-per-block") { Description = "Transactions per block at most", DefaultValueFactory = _ => 2000 };
        validators.Validators.Add(r =>
        {
            // Non-numbers already fail conversion with their own message; this bounds the numbers.
            if (r.Tokens is [var token] && int.TryParse(token.Value, out var n) && n is < 1 or > 100)
                r.AddError("--validators must be between 1 and 100");
        });

        var generate = new Command("generate", "Generate validator keys, the API submitter key and genesis.json")
        {
            outDir, validators, force, chainId, blockPeriod, maxTxs,
        };
        generate.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            var result = KeyGeneration.Write(dir.FullName, new KeyGeneration.Options(
                parse.GetValue(validators), parse.GetValue(chainId), parse.GetValue(blockPeriod),
                parse.GetValue(maxTxs), parse.GetValue(force)));
            if (result.Error is { } error)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 1;
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Wrote {Path.Combine(dir.FullName, ".env")} (private keys: keep it secret) and {Path.Combine(dir.FullName, "genesis.json")}");
            for (var i = 0; i < result.Validators.Count; i++)
                output.WriteLine($"validator-{i + 1}: {result.Validators[i]}");
            output.WriteLine($"api submitter: {result.Submitter}");
            output.WriteLine($"genesis hash: {result.GenesisHash}");
            return 0;
        });
        return generate;
    }
}
