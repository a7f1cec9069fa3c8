using System.Diagnostics;

namespace EVoting.Validator.Node;

/// <summary>
/// How late the event loop runs work (docs/validator.md#event-loop-lag): the shell posts a no-op every
/// <see cref="IntervalMs"/> and, when the loop runs it, records the time between the post and the run — the time
/// any input (a vote, a proposal, a timeout) would have waited then. Kept as a maximum per second over the last
/// <see cref="WindowSeconds"/> seconds (<c>poa_status</c>'s event_loop_lag_ms_max) and as a histogram metric.
/// Written on the loop only; read from any thread (a torn read only mixes two adjacent seconds).
/// </summary>
public sealed class EventLoopLagProbe
{
    public const int IntervalMs = 10;
    public const int WindowSeconds = 5;

    private readonly long[] _second = new long[WindowSeconds];
    private readonly double[] _maxMs = new double[WindowSeconds];
    private readonly Action<double> _record;

    /// <param name="record">Where each sample also goes (the telemetry histogram).</param>
    public EventLoopLagProbe(Action<double> record) => _record = record;

    /// <summary>The no-op to post: it measures its own wait when the loop runs it.</summary>
    public Action Sample()
    {
        var posted = Stopwatch.GetTimestamp();
        return () => Record(Stopwatch.GetElapsedTime(posted).TotalMilliseconds);
    }

    private void Record(double lagMs)
    {
        var second = Environment.TickCount64 / 1000;
        var slot = (int)(second % WindowSeconds);
        if (Volatile.Read(ref _second[slot]) != second)
        {
            Volatile.Write(ref _maxMs[slot], 0);
            Volatile.Write(ref _second[slot], second);
        }
        if (lagMs > _maxMs[slot])
            Volatile.Write(ref _maxMs[slot], lagMs);
        _record(lagMs);
    }

    /// <summary>The largest lag seen in the last <see cref="WindowSeconds"/> seconds, in milliseconds.</summary>
    public double MaxMs
    {
        get
        {
            var now = Environment.TickCount64 / 1000;
            var max = 0.0;
            for (var i = 0; i < WindowSeconds; i++)
            {
                if (now - Volatile.Read(ref _second[i]) < WindowSeconds)
                    max = Math.Max(max, Volatile.Read(ref _maxMs[i]));
            }
            return max;
        }
    }
}
