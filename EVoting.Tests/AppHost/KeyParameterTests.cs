using EVoting.AppHost.Keys;
using EVoting.Chain;
using Nethereum.Signer;

namespace EVoting.Tests.AppHost;

/// <summary>
/// The AppHost's generated key parameters: secp256k1 keys from Nethereum.Signer that the chain's own code
/// reads alike (signatures byte-identical to Nethereum's: Chain/KeysAndSignaturesTests).
/// </summary>
public sealed class KeyParameterTests
{
    [Fact]
    public void A_generated_key_is_a_fresh_secp256k1_private_key_whose_address_both_libraries_agree_on()
    {
        var keys = Enumerable.Range(0, 20).Select(_ => new Secp256k1KeyDefault().GetDefaultValue()).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        foreach (var hex in keys)
        {
            Assert.Matches("^0x[0-9a-f]{64}$", hex);
            Assert.Equal(new EthECKey(hex).GetPublicAddress(), EthKey.FromHex(hex).Address.ToString());
        }
    }
}
