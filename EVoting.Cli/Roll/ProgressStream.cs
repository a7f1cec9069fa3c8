using EVoting.Cli.Load;

namespace EVoting.Cli.Roll;

/// <summary>A file being uploaded, read-only, showing on a <see cref="ProgressBar"/> how much of it has been sent (in KiB).</summary>
public sealed class ProgressStream(Stream inner, ProgressBar progress, string phase) : Stream
{
    private readonly int _totalKib = (int)Math.Max(1, inner.Length / 1024);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Report(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Report(int read)
    {
        progress.Show(phase, (int)(inner.Position / 1024), _totalKib, "KiB");
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
