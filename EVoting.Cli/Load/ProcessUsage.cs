namespace EVoting.Cli.Load;

/// <summary>What one group of processes (a resource) used during the timed phase of a load run.</summary>
public sealed record ProcessUsage(
    string Name, double CpuSeconds, double CpuMsPerVote, double RssMbFirst, double RssMbMax, double RssMbLast, IReadOnlyList<double> RssMbEvery30s)
{
    /// <summary>
    /// From the sampler's first sample (taken as the timed phase starts) to its last (taken a moment
    /// after the last vote became final): a short run still spans at least two samples. CPU time is
    /// summed per process: each counts from its first sample in the run (zero when it started
    /// during the run) to its last, so a process ending mid-run (another test's system under the
    /// same parent, a restarted worker) neither subtracts nor adds its earlier CPU time.
    /// </summary>
    public static IReadOnlyList<ProcessUsage> From(IReadOnlyList<ProcessSampler.Sample> during, int votes)
    {
        var first = during[0];
        var cpuByGroup = new Dictionary<string, double>();
        var lastSeen = new Dictionary<int, ProcessSampler.ProcessFigures>();
        foreach (var sample in during)
            foreach (var (pid, figures) in sample.Processes)
                lastSeen[pid] = figures;
        foreach (var (pid, last) in lastSeen)
        {
            var start = first.Processes.TryGetValue(pid, out var atStart) && atStart.Group == last.Group ? atStart.CpuSeconds : 0;
            cpuByGroup[last.Group] = cpuByGroup.GetValueOrDefault(last.Group) + Math.Max(0, last.CpuSeconds - start);
        }
        return cpuByGroup.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var cpu = cpuByGroup[name];
            var rss = during.Select(s => s.RssBytesOf(name) / 1048576.0).ToList();
            var every30s = rss.Where((_, i) => i % 30 == 0 || i == rss.Count - 1).Select(mb => Math.Round(mb, 1)).ToList();
            return new ProcessUsage(name, Math.Round(cpu, 2), votes > 0 ? Math.Round(cpu * 1000 / votes, 2) : 0,
                Math.Round(rss[0], 1), Math.Round(rss.Max(), 1), Math.Round(rss[^1], 1), every30s);
        }).ToList();
    }
}
