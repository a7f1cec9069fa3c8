namespace EVoting.Cli.Load;

/// <summary>What one group of processes (a resource) used during the timed phase of a load run.</summary>
public sealed record ProcessUsage(
    string Name, double CpuSeconds, double CpuMsPerVote, double RssMbFirst, double RssMbMax, double RssMbLast, IReadOnlyList<double> RssMbEvery30s)
{
    /// <summary>
    /// From the sampler's first sample (taken as the timed phase starts) to its last (taken a moment
    /// after the last vote became final): a short run still spans at least two samples.
    /// </summary>
    public static IReadOnlyList<ProcessUsage> From(ProcessSampler sampler, int votes)
    {
        var during = sampler.Samples;
        var (first, last) = (during[0], during[^1]);
        return last.Groups.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var cpu = last.Groups[name].CpuSeconds - first.Groups.GetValueOrDefault(name).CpuSeconds;
            var rss = during.Select(s => s.Groups.GetValueOrDefault(name).RssBytes / 1048576.0).ToList();
            var every30s = during.Where((s, i) => i % 30 == 0 || i == during.Count - 1)
                .Select(s => Math.Round(s.Groups.GetValueOrDefault(name).RssBytes / 1048576.0, 1)).ToList();
            return new ProcessUsage(name, Math.Round(cpu, 2), votes > 0 ? Math.Round(cpu * 1000 / votes, 2) : 0,
                Math.Round(rss.FirstOrDefault(), 1), Math.Round(rss.DefaultIfEmpty().Max(), 1), Math.Round(rss.LastOrDefault(), 1), every30s);
        }).ToList();
    }
}
