using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EVoting.Chain;

/// <summary>
/// A 32-byte value stored inline (four words), for the chain's indexes, which keep one or more
/// entries per vote for the life of the process: a <see cref="Hash32"/> key carries its own
/// 56-byte array and a nullifier string ~160 bytes, this is 32 bytes inside the table's entry.
/// </summary>
internal readonly record struct Key32(ulong A, ulong B, ulong C, ulong D)
{
    public static Key32 From(Hash32 hash) => From(hash.Span);

    /// <summary>
    /// A nullifier ("anon-" + 64 hex) by its 32 bytes. Anything else (validation refuses such a
    /// vote, but the index must not throw on it) by its SHA-256, which cannot meet a real one.
    /// </summary>
    public static Key32 FromNullifier(string nullifier)
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteNullifierKey(nullifier, bytes);
        return From(bytes);
    }

    /// <summary>The 32 bytes <see cref="FromNullifier"/> keys a nullifier by (also the key of the SQLite index's rows).</summary>
    public static void WriteNullifierKey(string nullifier, Span<byte> bytes)
    {
        if (TransactionValidator.IsNullifier(nullifier)
            && Convert.FromHexString(nullifier.AsSpan(ElectionLimits.NullifierPrefix.Length), bytes, out _, out _) == OperationStatus.Done)
            return;
        SHA256.HashData(Encoding.UTF8.GetBytes(nullifier), bytes);
    }

    private static Key32 From(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    // The keys are hashes already: their first word is as good a hash code as any.
    public override int GetHashCode() => (int)A;
}
