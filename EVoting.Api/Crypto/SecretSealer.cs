using System.Security.Cryptography;

namespace EVoting.Api.Crypto;

/// <summary>
/// Seals an election secret at rest with AES-256-GCM: nonce(12) ‖ tag(16) ‖ ciphertext. The
/// election id is the associated data, so a sealed secret copied to another election row fails.
/// </summary>
public sealed class SecretSealer(byte[] key)
{
    public byte[] Seal(ReadOnlySpan<byte> secret, int electionId)
    {
        var output = new byte[12 + 16 + secret.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, secret, output.AsSpan(28), output.AsSpan(12, 16), Aad(electionId));
        return output;
    }

    public byte[] Open(byte[] sealedSecret, int electionId)
    {
        if (sealedSecret.Length < 29)
            throw new CryptographicException("sealed secret too short");
        var plain = new byte[sealedSecret.Length - 28];
        using var gcm = new AesGcm(key, 16);
        gcm.Decrypt(sealedSecret.AsSpan(0, 12), sealedSecret.AsSpan(28), sealedSecret.AsSpan(12, 16), plain, Aad(electionId));
        return plain;
    }

    private static byte[] Aad(int electionId) => BitConverter.GetBytes((long)electionId);
}
