using System.Buffers.Binary;

namespace EVoting.Validator.P2P;

/// <summary>
/// P2P framing: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. A length above the
/// limit (or zero) is refused before anything is allocated for it; the caller closes the connection.
/// </summary>
public static class FrameCodec
{
    /// <summary>16 MiB: more than a full block (genesis max_block_bytes is at most 12 MiB).</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The next frame's payload, or null at a clean end of stream between frames. The payload lies in an array
    /// rented from the shared pool until the frame is disposed: a proposal or a block is a megabyte, read several
    /// times a second, and a fresh array for each went straight to the large-object heap (docs/benchmarks.md, "Memory").
    /// </summary>
    public static async Task<PooledFrame?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken ct)
    {
        var header = new byte[4];
        var got = await ReadFullyAsync(stream, header, ct);
        if (got == 0)
            return null;
        if (got < 4)
            throw new InvalidDataException("connection closed inside a frame header");
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length == 0)
            throw new InvalidDataException("empty frame");
        if (length > (uint)maxFrameBytes)
            throw new InvalidDataException($"frame of {length} bytes exceeds the {maxFrameBytes}-byte limit");
        var frame = new PooledFrame((int)length);
        try
        {
            if (await ReadFullyAsync(stream, frame.Array, ct) < length)
                throw new InvalidDataException("connection closed inside a frame");
            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    public const int HeaderBytes = 4;

    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderBytes + payload.Length];
        payload.CopyTo(frame.AsSpan(HeaderBytes));
        WriteHeader(frame);
        return frame;
    }

    /// <summary>Writes the length header into the first <see cref="HeaderBytes"/> of a frame whose payload follows it.</summary>
    public static void WriteHeader(byte[] frame) => BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - HeaderBytes));

    private static async Task<int> ReadFullyAsync(Stream stream, ArraySegment<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }
}
