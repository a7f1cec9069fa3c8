using System.Diagnostics;

namespace EVoting.Cli.Commands;

/// <summary>Wall-clock and this process's CPU time since the last restart: on a shared machine the CPU figure is the better measure of the code.</summary>
internal sealed class BenchTimer
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    public void Restart()
    {
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _wall.Restart();
    }

    public TimeSpan Elapsed => _wall.Elapsed;

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpu;

    /// <summary>One line: "what: wall x ms/unit (n/s); cpu y ms/unit (n/s per cpu-second)".</summary>
    public void Report(TextWriter output, string what, int n, string unit)
    {
        var wall = Elapsed;
        var cpu = Cpu;
        output.WriteLine($"  {what}: wall {wall.TotalMilliseconds / n:F3} ms/{unit} ({n / wall.TotalSeconds:F0}/s); " +
            $"cpu {cpu.TotalMilliseconds / n:F3} ms/{unit} ({n / cpu.TotalSeconds:F0}/s per cpu-second)");
    }
}
