using System.Globalization;

namespace EVoting.Cli.Load;

/// <summary>
/// Samples the CPU time and resident memory of the system's processes on this machine (Linux
/// /proc) while a load run is timed, so the report says where a vote's CPU time goes and whether
/// memory stays flat. Processes are grouped by the <c>OTEL_SERVICE_NAME</c> the AppHost gives each
/// resource (a project's `dotnet run` launcher apart from the service it runs), plus <c>mariadbd</c>, the AppHost itself, Aspire's dashboard and the frontend (npm and its node processes,
/// which carry no service name but npm's <c>npm_package_name</c>; children inherit it). With a <see cref="SystemProcessTree"/>, only that system's processes count
/// (other systems on the machine are left out); start the system on this machine first.
/// </summary>
public sealed class ProcessSampler(SystemProcessTree? system = null)
{
    private const long ClockTicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture .NET runs on
    private static readonly long PageBytes = Environment.SystemPageSize;

    /// <summary>What npm puts in the environment of the frontend's scripts (frontend/package.json's name).</summary>
    private const string FrontendPackage = "npm_package_name=evoting-frontend";

    /// <summary>One process's CPU time so far and resident memory now.</summary>
    public readonly record struct ProcessFigures(string Group, double CpuSeconds, long RssBytes);

    /// <summary>
    /// Every sampled process by pid, not summed per group: a process that ends (or starts) during
    /// the run would otherwise take its whole CPU time out of (or into) the group's difference.
    /// </summary>
    public sealed record Sample(DateTimeOffset At, IReadOnlyDictionary<int, ProcessFigures> Processes)
    {
        public long RssBytesOf(string group) => Processes.Values.Where(p => p.Group == group).Sum(p => p.RssBytes);
    }

    private readonly Dictionary<int, string?> _groupOfPid = [];
    private readonly List<Sample> _samples = [];

    public static bool Supported => OperatingSystem.IsLinux() && Directory.Exists("/proc");

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples) return _samples.ToList();
        }
    }

    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do lock (_samples) _samples.Add(Take());
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        lock (_samples) _samples.Add(Take()); // the closing sample, however short the run
    }

    public Sample Take()
    {
        var processes = new Dictionary<int, ProcessFigures>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (!_groupOfPid.TryGetValue(pid, out var group))
                _groupOfPid[pid] = group = system is null || system.Contains(pid) ? GroupOf(dir) : null;
            if (group is null || ReadUsage(dir) is not { } usage) continue;
            processes[pid] = new ProcessFigures(group, usage.CpuSeconds, usage.RssBytes);
        }
        return new Sample(DateTimeOffset.UtcNow, processes);
    }

    /// <summary>The suffix of a service's `dotnet run` launcher's group (<c>api (dotnet run)</c>).</summary>
    public const string LauncherSuffix = " (dotnet run)";

    private static bool IsDotnetRun(string cmdline) =>
        cmdline.Contains(" run ", StringComparison.Ordinal) && cmdline.Contains(" --project ", StringComparison.Ordinal);

    private static string? GroupOf(string dir)
    {
        try
        {
            var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            if (cmdline.Contains("mariadbd", StringComparison.Ordinal)) return "mariadb";
            if (cmdline.Contains("Aspire.Dashboard", StringComparison.Ordinal)) return "dashboard"; // receives every service's telemetry
            if (cmdline.Contains("EVoting.AppHost", StringComparison.Ordinal) && !cmdline.Contains(" run ", StringComparison.Ordinal))
                return "apphost"; // the AppHost itself (dashboard, telemetry receiver), not the `dotnet run` that started it
            var environ = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
            foreach (var entry in environ)
                if (entry.StartsWith("OTEL_SERVICE_NAME=", StringComparison.Ordinal))
                {
                    // Aspire starts each project through `dotnet run`, which stays as the service's parent and
                    // relays its console output: a process of its own, so its figures are its own row.
                    var service = entry["OTEL_SERVICE_NAME=".Length..];
                    return IsDotnetRun(cmdline) ? service + LauncherSuffix : service;
                }
            if (environ.Contains(FrontendPackage, StringComparer.Ordinal))
                return "frontend";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static (double CpuSeconds, long RssBytes)? ReadUsage(string dir)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state …"; comm may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var statm = File.ReadAllText(Path.Combine(dir, "statm")).Split(' ');
            return ((double)ticks / ClockTicksPerSecond, long.Parse(statm[1], CultureInfo.InvariantCulture) * PageBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended between listing and reading
        }
    }
}
