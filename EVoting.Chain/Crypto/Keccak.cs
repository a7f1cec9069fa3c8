using Org.BouncyCastle.Crypto.Digests;

namespace EVoting.Chain;

/// <summary>Keccak-256 as Ethereum uses it (the original padding, not SHA3-256).</summary>
public static class Keccak
{
    /// <summary>One digest per thread, reset by each DoFinal: a fresh one per hash was most of what a Merkle tree allocates.</summary>
    [ThreadStatic]
    private static KeccakDigest? t_digest;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        var digest = t_digest ??= new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(output);
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Hash(data, output);
        return output;
    }

    public static Hash32 Hash32(ReadOnlySpan<byte> data)
    {
        Span<byte> output = stackalloc byte[32];
        Hash(data, output);
        return new(output);
    }
}
