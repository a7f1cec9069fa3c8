using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The share P_i(ℓ) guardian i sends guardian ℓ, encrypted to ℓ's commitment K_{ℓ,0}: ephemeral R = r·G; an
/// AES-256-GCM key from HKDF-SHA256 over the x-coordinate of r·K_{ℓ,0}; a zero nonce (each key is used once);
/// the 32-byte share as plaintext and the sender/recipient info as associated data (docs/trustees.md
/// "Key ceremony"). Public; only guardian ℓ reads it.
/// </summary>
public sealed record EncryptedShare(int From, int To, ECPoint R, byte[] Ciphertext)
{
    public const int CiphertextLength = P256.ScalarLength + TagLength;
    private const int TagLength = 16;
    private static readonly byte[] InfoTag = Encoding.ASCII.GetBytes("EVOTE-V1-SHARE");

    public static EncryptedShare Encrypt(CeremonyParameters ceremony, int from, int to, BigInteger share, ECPoint recipientKey) =>
        Encrypt(ceremony, from, to, share, recipientKey, P256.RandomNonZeroScalar());

    /// <summary>With a supplied ephemeral scalar (deterministic test vectors only).</summary>
    internal static EncryptedShare Encrypt(CeremonyParameters ceremony, int from, int to, BigInteger share, ECPoint recipientKey, BigInteger r)
    {
        if (!ceremony.IsGuardian(from) || !ceremony.IsGuardian(to))
            throw new ArgumentException(TrusteeErrors.BadGuardianIndex);
        var info = Info(from, to);
        var key = Key(ceremony, P256.MultiplyFixed(recipientKey, r), info);
        var ciphertext = new byte[CiphertextLength];
        using (var aes = new AesGcm(key, TagLength))
            aes.Encrypt(new byte[12], P256.EncodeScalar(share), ciphertext.AsSpan(0, P256.ScalarLength), ciphertext.AsSpan(P256.ScalarLength), info);
        return new EncryptedShare(from, to, P256.MultiplyG(r).Normalize(), ciphertext);
    }

    /// <summary>The share, or null when it does not decrypt with <paramref name="recipientSecret"/> (a_{ℓ,0}) or is not a scalar.</summary>
    public BigInteger? Decrypt(CeremonyParameters ceremony, BigInteger recipientSecret) =>
        !R.IsInfinity && Open(ceremony, SharedPoint(recipientSecret)) is { } plain && P256.TryDecodeScalar(plain, out var share, out _) ? share : null;

    /// <summary>S = a_{ℓ,0}·R, the ECDH point the share's key comes from: what a complaint reveals (<see cref="ComplaintProof"/>).</summary>
    public ECPoint SharedPoint(BigInteger recipientSecret) => P256.MultiplyFixed(R, recipientSecret).Normalize();

    /// <summary>
    /// The 32 plaintext bytes under the key derived from the shared point <paramref name="shared"/> (step 2's key), or
    /// null when the GCM tag fails (or the share is malformed). Anyone holding S can call it: a complaint's judge does.
    /// </summary>
    public byte[]? Open(CeremonyParameters ceremony, ECPoint shared)
    {
        if (!ceremony.IsGuardian(From) || !ceremony.IsGuardian(To) || Ciphertext.Length != CiphertextLength || shared.IsInfinity)
            return null;
        var info = Info(From, To);
        var key = Key(ceremony, shared, info);
        var plain = new byte[P256.ScalarLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(new byte[12], Ciphertext.AsSpan(0, P256.ScalarLength), Ciphertext.AsSpan(P256.ScalarLength), plain, info);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return plain;
    }

    /// <summary>"EVOTE-V1-SHARE" ‖ u32be(from) ‖ u32be(to).</summary>
    private static byte[] Info(int from, int to)
    {
        var info = new byte[InfoTag.Length + 8];
        InfoTag.CopyTo(info, 0);
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(InfoTag.Length), (uint)from);
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(InfoTag.Length + 4), (uint)to);
        return info;
    }

    private static byte[] Key(CeremonyParameters ceremony, ECPoint shared, byte[] info) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared.Normalize().AffineXCoord.GetEncoded(), 32, ceremony.Hash, info);
}
