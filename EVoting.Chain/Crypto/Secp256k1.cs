using Native = Secp256k1Net.Secp256k1;

namespace EVoting.Chain;

/// <summary>
/// secp256k1 through libsecp256k1 (Bitcoin Core's library, constant-time signing; the Secp256k1.Net package
/// ships it for each platform). docs/decisions.md has the measurement that chose it.
/// </summary>
internal static class Secp256k1
{
    /// <summary>n / 2, big-endian: an s above it is the malleable twin of a low-s signature.</summary>
    private static readonly byte[] HalfN = Convert.FromHexString("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0");

    public static bool IsValidSecretKey(ReadOnlySpan<byte> secret) => secret.Length == 32 && Native.IsValidSecretKey(secret);

    public static byte[] CreateSecretKey() => Native.CreateSecretKey();

    /// <summary>The 64-byte X ‖ Y form Ethereum hashes into an address.</summary>
    public static byte[] PublicKey64(ReadOnlySpan<byte> secret) => Native.CreatePublicKey(secret, compressed: false)[1..];

    /// <summary>ECDSA with k from RFC 6979 (HMAC-SHA-256, no extra data): r ‖ s with low s, and the recovery id.</summary>
    public static (byte[] Compact, int RecoveryId) Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> secret) =>
        Native.SignRecoverable(digest, secret);

    public static bool IsLowS(ReadOnlySpan<byte> s) => s.SequenceCompareTo(HalfN) <= 0;

    /// <summary>The 64-byte public key, or null when (r, s, recovery id) recovers no point (r or s zero or ≥ n, no R on the curve).</summary>
    public static byte[]? Recover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compact, int recoveryId)
    {
        try
        {
            return Native.RecoverPublicKey(compact, (byte)recoveryId, digest, compressed: false)[1..];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
