namespace EVoting.Chain;

/// <summary>
/// A secp256k1 private key with its Ethereum address. Signing is deterministic (RFC 6979), so a
/// retried signature over the same digest is byte-identical. ToString never reveals the key.
/// </summary>
public sealed class EthKey
{
    private readonly byte[] _secret;

    private EthKey(byte[] secret)
    {
        if (!Secp256k1.IsValidSecretKey(secret))
            throw new FormatException("a private key is a scalar in [1, n-1]");
        _secret = secret;
        PublicKey = Secp256k1.PublicKey64(secret);
        Address = Address.FromPublicKey(PublicKey);
    }

    /// <summary>The 64-byte uncompressed public key X ‖ Y.</summary>
    public byte[] PublicKey { get; }
    public Address Address { get; }

    public static EthKey Generate() => new(Secp256k1.CreateSecretKey());

    public static EthKey FromHex(string hex)
    {
        var bytes = Hex.Decode(hex.Trim());
        if (bytes.Length != 32) throw new FormatException("a private key is 32 bytes (64 hex digits)");
        return new EthKey(bytes);
    }

    public string ToHex() => Hex.Encode(_secret);

    /// <summary>ECDSA over the digest with k from RFC 6979 (HMAC-SHA-256), low s, v = 27 + recovery id.</summary>
    public Signature Sign(Hash32 digest)
    {
        var (compact, recoveryId) = Secp256k1.Sign(digest.Span, _secret);
        // Ids 2 and 3 mean R's x was ≥ n (odds ~2^-128), which v = 27/28 cannot carry.
        if (recoveryId > 1)
            throw new InvalidOperationException("this signature's R cannot be written with v = 27 or 28");
        var bytes = new byte[Signature.Length];
        compact.CopyTo(bytes, 0);
        bytes[64] = (byte)(27 + recoveryId);
        return new Signature(bytes);
    }

    public override string ToString() => $"EthKey({Address})";
}
