using System.Buffers;

namespace EVoting.Validator.Collections;

/// <summary>
/// One UTF-8 buffer the process reuses for what it writes a block into on every height — the P2P frame, the
/// stored block, the signing state with its locked block — so a block of a megabyte is not grown afresh through
/// the large-object heap several times a second (docs/benchmarks.md, "Memory"). One buffer for the whole
/// process, kept while at most <see cref="RetainedBytes"/>: whoever finds it taken (another thread writing) gets a
/// fresh one, used once.
/// </summary>
public ref struct ScratchBuffer
{
    /// <summary>Room for a full block's frame (genesis max_block_bytes is at most 12 MiB; blocks under load are ~1 MiB).</summary>
    public const int RetainedBytes = 8 * 1024 * 1024;

    private static ArrayBufferWriter<byte>? s_buffer;

    private ArrayBufferWriter<byte>? _writer;

    /// <summary>The buffer, empty, until <see cref="Dispose"/>: nothing written may be kept past it.</summary>
    public static ScratchBuffer Rent() => new() { _writer = Interlocked.Exchange(ref s_buffer, null) ?? new ArrayBufferWriter<byte>() };

    public readonly ArrayBufferWriter<byte> Writer => _writer ?? throw new ObjectDisposedException(nameof(ScratchBuffer));

    public readonly ReadOnlySpan<byte> WrittenSpan => Writer.WrittenSpan;

    public void Dispose()
    {
        if (_writer is not { } writer)
            return;
        _writer = null;
        writer.ResetWrittenCount();
        if (writer.Capacity <= RetainedBytes)
            Volatile.Write(ref s_buffer, writer);
    }
}
