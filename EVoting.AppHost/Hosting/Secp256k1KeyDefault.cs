using System.Numerics;
using System.Security.Cryptography;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// A fresh secp256k1 private key (<c>0x</c> + 64 hex) for a validator or the submitter. Local runs only:
/// the manifest cannot say "generate a key", so a deployment must supply these parameters.
/// </summary>
public sealed class Secp256k1KeyDefault : ParameterDefault
{
    // Order of the secp256k1 group; a key must be in [1, n-1].
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public override string Generate()
    {
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(32);
            var k = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            if (k > 0 && k < Order)
                return "0x" + Convert.ToHexStringLower(bytes);
        }
    }
}
