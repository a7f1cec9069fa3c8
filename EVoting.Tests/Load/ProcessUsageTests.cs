using EVoting.Cli.Load;
using Figures = EVoting.Cli.Load.ProcessSampler.ProcessFigures;

namespace EVoting.Tests.Load;

/// <summary>
/// Where a load run says the CPU went: each process's own time, never a group's sums, so another
/// system's API that ends under the same parent during the run cannot make this API's CPU time
/// zero or negative.
/// </summary>
public sealed class ProcessUsageTests
{
    private static ProcessSampler.Sample At(int second, params (int Pid, string Group, double Cpu, long RssMb)[] processes) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(second),
            processes.ToDictionary(p => p.Pid, p => new Figures(p.Group, p.Cpu, p.RssMb * 1048576)));

    [Fact]
    public void A_process_ending_mid_run_keeps_the_time_it_used_and_does_not_subtract_its_earlier_time()
    {
        var usage = ProcessUsage.From(
        [
            At(0, (10, "api", 1.0, 100), (11, "api", 50.0, 200)),
            At(1, (10, "api", 1.5, 110), (11, "api", 50.2, 200)),
            At(2, (10, "api", 2.0, 120)), // 11 ended
        ], votes: 10);

        var api = Assert.Single(usage);
        Assert.Equal("api", api.Name);
        Assert.Equal(1.2, api.CpuSeconds, 6); // 1.0 from pid 10, 0.2 from pid 11 before it ended
        Assert.Equal(120, api.CpuMsPerVote, 6);
        Assert.Equal(300, api.RssMbFirst);
        Assert.Equal(310, api.RssMbMax);
        Assert.Equal(120, api.RssMbLast);
    }

    [Fact]
    public void A_process_starting_mid_run_counts_all_its_time_and_groups_stay_apart()
    {
        var usage = ProcessUsage.From(
        [
            At(0, (20, "validator-1", 3.0, 150)),
            At(1, (20, "validator-1", 3.5, 150), (30, "mariadb", 0.4, 80)),
            At(2, (20, "validator-1", 4.0, 160), (30, "mariadb", 0.9, 90)),
        ], votes: 0);

        Assert.Equal(["mariadb", "validator-1"], usage.Select(u => u.Name));
        Assert.Equal(0.9, usage[0].CpuSeconds, 6);
        Assert.Equal(0, usage[0].CpuMsPerVote);
        Assert.Equal(0, usage[0].RssMbFirst);
        Assert.Equal(1.0, usage[1].CpuSeconds, 6);
        Assert.Equal([150, 160], usage[1].RssMbEvery30s);
    }
}
