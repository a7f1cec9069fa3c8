using System.Security.Cryptography;

namespace EVoting.Ballots;

/// <summary>RFC 9380 §5.3.1 expand_message_xmd with SHA-256 (b_in_bytes 32, s_in_bytes 64).</summary>
public static class ExpandMessageXmd
{
    private const int HashBytes = 32;
    private const int BlockBytes = 64;

    public static byte[] Sha256(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, int lengthInBytes)
    {
        var ell = (lengthInBytes + HashBytes - 1) / HashBytes;
        if (lengthInBytes <= 0 || lengthInBytes > 65535 || ell > 255)
            throw new ArgumentOutOfRangeException(nameof(lengthInBytes));
        // The oversize-DST rule (hash a DST longer than 255 bytes) is not needed: our DST is fixed and short.
        if (dst.Length > 255)
            throw new ArgumentOutOfRangeException(nameof(dst), "DST longer than 255 bytes");

        var dstPrime = new byte[dst.Length + 1];
        dst.CopyTo(dstPrime);
        dstPrime[^1] = (byte)dst.Length;

        // msg_prime = Z_pad ‖ msg ‖ I2OSP(len, 2) ‖ I2OSP(0, 1) ‖ DST_prime
        var msgPrime = new byte[BlockBytes + message.Length + 3 + dstPrime.Length];
        message.CopyTo(msgPrime.AsSpan(BlockBytes));
        var at = BlockBytes + message.Length;
        msgPrime[at] = (byte)(lengthInBytes >> 8);
        msgPrime[at + 1] = (byte)lengthInBytes;
        msgPrime[at + 2] = 0;
        dstPrime.CopyTo(msgPrime.AsSpan(at + 3));
        var b0 = SHA256.HashData(msgPrime);

        var output = new byte[ell * HashBytes];
        var block = new byte[HashBytes + 1 + dstPrime.Length];
        dstPrime.CopyTo(block.AsSpan(HashBytes + 1));
        Span<byte> previous = stackalloc byte[HashBytes];
        for (var i = 1; i <= ell; i++)
        {
            // b_1 = H(b_0 ‖ 1 ‖ DST'); b_i = H((b_0 xor b_{i-1}) ‖ i ‖ DST')
            for (var j = 0; j < HashBytes; j++)
                block[j] = (byte)(b0[j] ^ (i == 1 ? 0 : previous[j]));
            block[HashBytes] = (byte)i;
            SHA256.HashData(block, previous);
            previous.CopyTo(output.AsSpan((i - 1) * HashBytes));
        }
        return output.AsSpan(0, lengthInBytes).ToArray();
    }
}
