using Org.BouncyCastle.Crypto.Digests;

namespace EVoting.Chain;

/// <summary>Keccak-256 as Ethereum uses it (the original padding, not SHA3-256).</summary>
public static class Keccak
{
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output);
        return output;
    }

    public static Hash32 Hash32(ReadOnlySpan<byte> data) => new(Hash(data));
}
