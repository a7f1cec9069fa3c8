namespace EVoting.Cli.Load;

/// <summary>Percentiles of a set of latencies (nearest-rank), in milliseconds.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _samples = [];

    public void Add(double ms)
    {
        lock (_samples) _samples.Add(ms);
    }

    public int Count => _samples.Count;

    public double Percentile(double p)
    {
        lock (_samples)
        {
            if (_samples.Count == 0) return 0;
            var sorted = _samples.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    public double Max => Percentile(100);

    public object Summary() => new
    {
        p50 = Math.Round(Percentile(50), 1),
        p90 = Math.Round(Percentile(90), 1),
        p99 = Math.Round(Percentile(99), 1),
        max = Math.Round(Max, 1),
    };
}
