using System.Globalization;
using System.Net.Sockets;

namespace EVoting.Tests.Hosting;

/// <summary>What is running on this machine, read from /proc: to find a system's processes and prove they are gone.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0).ToList();

    public static bool IsAlive(int pid) => ReadStat(pid) is { State: not 'Z' };

    public static int? ParentOf(int pid) => ReadStat(pid)?.Parent;

    /// <summary>The command line with its arguments separated by spaces; empty for a process that has ended.</summary>
    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ') ?? "";

    /// <summary>The process's environment variables as NAME=value entries; empty when unreadable.</summary>
    public static IReadOnlyList<string> Environment(int pid) => Read($"/proc/{pid}/environ")?.Split('\0') ?? [];

    /// <summary>The process's resident memory (VmRSS of /proc/PID/status) in bytes, or null once it has ended.</summary>
    public static long? ResidentBytes(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        // "VmRSS:     123456 kB"
        return line is null ? null : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (char State, int Parent)? ReadStat(int pid)
    {
        // "pid (comm) state ppid …" — comm may contain spaces, so split after the last ')'.
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
            return null;
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture));
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended meanwhile, or not ours
        }
    }
}
