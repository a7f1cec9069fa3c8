using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using Nethereum.Signer;

namespace EVoting.AppHost.Keys;

/// <summary>
/// A fresh secp256k1 private key (<c>0x</c> + 64 hex, from Nethereum.Signer) for a validator or the submitter,
/// generated once per machine for a local run (the parameter is persisted). The manifest writes no default:
/// a deployment supplies its keys (<c>evoting keys generate</c>).
/// </summary>
public sealed class Secp256k1KeyDefault : ParameterDefault
{
    public override string GetDefaultValue() => EthECKey.GenerateKey().GetPrivateKey();

    public override void WriteToManifest(ManifestPublishingContext context)
    {
    }
}
