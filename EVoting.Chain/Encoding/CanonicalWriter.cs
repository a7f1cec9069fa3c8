using System.Buffers.Binary;
using System.Text;

namespace EVoting.Chain;

/// <summary>
/// Builds the byte strings that hashes and signatures cover: fixed-width big-endian integers and
/// length-prefixed byte strings, written in a documented order (docs/wire-format.md). Never JSON:
/// the bytes must not depend on any serializer.
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly MemoryStream _stream = new();

    public CanonicalWriter(string domain) => Ascii(domain);

    public CanonicalWriter Ascii(string text)
    {
        _stream.Write(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public CanonicalWriter U8(byte value)
    {
        _stream.WriteByte(value);
        return this;
    }

    public CanonicalWriter U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _stream.Write(b);
        return this;
    }

    public CanonicalWriter I32(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        _stream.Write(b);
        return this;
    }

    public CanonicalWriter U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        _stream.Write(b);
        return this;
    }

    public CanonicalWriter I64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        _stream.Write(b);
        return this;
    }

    /// <summary>Fixed-length bytes (hashes, addresses): no length prefix.</summary>
    public CanonicalWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    /// <summary>Variable-length bytes: u32be length, then the bytes.</summary>
    public CanonicalWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        U32((uint)bytes.Length);
        _stream.Write(bytes);
        return this;
    }

    public CanonicalWriter Utf8(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    public byte[] ToArray() => _stream.ToArray();
}
