using System.Buffers;

namespace EVoting.Validator.P2P;

/// <summary>
/// A frame's payload (<see cref="FrameCodec.ReadAsync"/>) in an array rented from the shared pool; disposing
/// returns it, so nothing read from <see cref="Payload"/> may be kept past that (decoding copies what it keeps).
/// </summary>
public sealed class PooledFrame : IDisposable
{
    private byte[]? _array;

    internal PooledFrame(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    /// <summary>Where the payload is read into: the rented array's first <see cref="Length"/> bytes.</summary>
    internal ArraySegment<byte> Array => new(_array ?? throw new ObjectDisposedException(nameof(PooledFrame)), 0, Length);

    public ReadOnlyMemory<byte> Payload => Array.AsMemory();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
            ArrayPool<byte>.Shared.Return(array);
    }
}
