using EVoting.Api.Extensions;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// The chain the API submits to: its genesis (chain id, validator set for checking commit
/// certificates) and the submitter key that signs every transaction. Checked at start, so a
/// mismatched key or genesis fails fast instead of producing transactions validators reject.
/// </summary>
public sealed class ChainSettings
{
    public ChainSettings(Genesis genesis, EthKey submitter)
    {
        if (!genesis.IsSubmitter(submitter.Address))
            throw new InvalidOperationException($"The submitter key's address {submitter.Address} is not an authorized submitter in genesis.");
        Genesis = genesis;
        Submitter = submitter;
    }

    public Genesis Genesis { get; }
    public EthKey Submitter { get; }
    public ulong ChainId => Genesis.ChainId;

    public static ChainSettings FromConfiguration(IConfiguration config)
    {
        var genesis = (config["GENESIS_JSON"], config["GENESIS_PATH"]) switch
        {
            ({ Length: > 0 } json, _) => Genesis.Load(json),
            (_, { Length: > 0 } path) => Genesis.LoadFile(path),
            _ => throw new InvalidOperationException("Neither GENESIS_JSON nor GENESIS_PATH is set: the API needs the chain's genesis."),
        };
        var key = Parameters.Require(config, Parameters.SubmitterKey);
        return new ChainSettings(genesis, EthKey.FromHex(key));
    }
}
