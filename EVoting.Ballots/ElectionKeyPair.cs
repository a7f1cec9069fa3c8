using Org.BouncyCastle.Math;

namespace EVoting.Ballots;

/// <summary>The election secret s ∈ [1, n−1] and public key K = s·G. Never log <see cref="SecretHex"/>.</summary>
public sealed class ElectionKeyPair
{
    private ElectionKeyPair(BigInteger secret)
    {
        Secret = secret;
        PublicKey = P256.Encode(P256.MultiplyG(secret).Normalize());
    }

    public static ElectionKeyPair Generate() => new(P256.RandomNonZeroScalar());

    /// <summary>From a 32-byte lowercase-hex secret (as stored by whoever holds the election key).</summary>
    public static ElectionKeyPair FromSecretHex(string hex)
    {
        var secret = P256.DecodeScalar(LowerHex.Decode(hex, BallotErrors.ScalarNotHex, "secret key"), "secret key");
        if (secret.SignValue == 0)
            throw new BallotFormatException(BallotErrors.ScalarOutOfRange, "secret key");
        return new ElectionKeyPair(secret);
    }

    internal BigInteger Secret { get; }

    public string SecretHex => LowerHex.Encode(P256.EncodeScalar(Secret));

    /// <summary>enc(K), 33 bytes.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyHex => LowerHex.Encode(PublicKey);
}
