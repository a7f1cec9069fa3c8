using System.Security.Cryptography;
using System.Text;

namespace EVoting.Api.Crypto;

/// <summary>
/// Every API secret that is not a key by itself (the election-secret sealing key, the nullifier
/// key) is derived from the data-protection-key parameter with HKDF-SHA256 and a distinct label,
/// so one secret to manage gives independent keys.
/// </summary>
public static class KeyDerivation
{
    public static byte[] Derive(string rootSecret, string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(rootSecret), 32,
            salt: Encoding.ASCII.GetBytes("EVoting.Api"), info: Encoding.ASCII.GetBytes(label));
}
