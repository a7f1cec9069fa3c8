using System.Buffers.Binary;
using System.Security.Cryptography;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using ECCurve = Org.BouncyCastle.Math.EC.ECCurve;
using System.Text;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>Hq and the byte strings it hashes (docs/ballot-crypto.md#challenge-hash).</summary>
public static class Challenge
{
    public static readonly byte[] Dst = Encoding.ASCII.GetBytes("EVOTE-V1-CHALLENGE");
    public static readonly byte[] ElectionTag = Encoding.ASCII.GetBytes("EVOTE-V1");

    public const byte RangeProofTag = 0x21;
    public const byte DecryptionProofTag = 0x30;

    /// <summary>Hq(msg) = OS2IP(expand_message_xmd(SHA-256, msg, DST, 48)) mod n.</summary>
    public static BigInteger Hq(ReadOnlySpan<byte> message) =>
        new BigInteger(1, ExpandMessageXmd.Sha256(message, Dst, 48)).Mod(P256.N);

    /// <summary>H_E = SHA-256("EVOTE-V1" ‖ u64be(election_id) ‖ u32be(k) ‖ enc(K)).</summary>
    public static byte[] ElectionHash(ulong electionId, int candidates, ReadOnlySpan<byte> publicKey)
    {
        var buffer = new byte[ElectionTag.Length + 8 + 4 + publicKey.Length];
        ElectionTag.CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(ElectionTag.Length), electionId);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(ElectionTag.Length + 8), (uint)candidates);
        publicKey.CopyTo(buffer.AsSpan(ElectionTag.Length + 12));
        return SHA256.HashData(buffer);
    }

    /// <summary>H_E ‖ 0x21 ‖ u32be(idx) ‖ enc(K) ‖ enc(α) ‖ enc(β) ‖ enc(a_0) ‖ enc(b_0) ‖ … (commitments already encoded).</summary>
    internal static BigInteger RangeProof(byte[] electionHash, int index, byte[] publicKey, byte[] alpha, byte[] beta, ReadOnlySpan<byte> commitments)
    {
        var length = 32 + 1 + 4 + 3 * P256.PointLength + commitments.Length;
        var buffer = new byte[length];
        var span = buffer.AsSpan();
        electionHash.CopyTo(span);
        span[32] = RangeProofTag;
        BinaryPrimitives.WriteUInt32BigEndian(span[33..], (uint)index);
        var at = 37;
        foreach (var part in new[] { publicKey, alpha, beta })
        {
            part.CopyTo(span[at..]);
            at += part.Length;
        }
        commitments.CopyTo(span[at..]);
        return Hq(buffer);
    }

    /// <summary>H_E ‖ 0x30 ‖ enc(K) ‖ enc(A) ‖ enc(B) ‖ enc(a) ‖ enc(b) ‖ enc(D), with the tally encoding (infinity = 00).</summary>
    internal static BigInteger Decryption(byte[] electionHash, ECPoint k, ECPoint a, ECPoint b, ECPoint commitA, ECPoint commitB, ECPoint d)
    {
        using var stream = new MemoryStream();
        stream.Write(electionHash);
        stream.WriteByte(DecryptionProofTag);
        foreach (var point in new[] { k, a, b, commitA, commitB, d })
            stream.Write(P256.EncodeTally(point));
        return Hq(stream.ToArray());
    }
}
