namespace EVoting.AppHost.Hosting;

public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>A resource's console output, bounded (oldest lines dropped), readable while it grows.</summary>
public sealed class ResourceLogs(int capacity = 5000)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _lines = new();
    private long _next;

    /// <summary>Raised for every line, on the thread that read it (keep handlers short).</summary>
    public event Action<LogLine>? LineAdded;

    public void Add(string text, bool isError = false)
    {
        LogLine line;
        lock (_gate)
        {
            line = new LogLine(_next++, DateTimeOffset.UtcNow, text, isError);
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
                _lines.Dequeue();
        }
        LineAdded?.Invoke(line);
    }

    public IReadOnlyList<LogLine> Snapshot(long afterSequence = -1)
    {
        lock (_gate)
            return _lines.Where(l => l.Sequence > afterSequence).ToList();
    }

    public IReadOnlyList<string> Lines() => Snapshot().Select(l => l.Text).ToList();

    public string Tail(int count) => string.Join('\n', Snapshot().TakeLast(count).Select(l => l.Text));
}
