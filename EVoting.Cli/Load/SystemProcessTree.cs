using System.Globalization;

namespace EVoting.Cli.Load;

/// <summary>
/// Which processes on this machine belong to the system behind <c>--api</c>: the process listening
/// on the API's port, its parent, and everything below that parent. Under Aspire the API's port is
/// held by the proxy of that AppHost's DCP, whose process tree holds every resource of the system
/// (validators, bootnode, MariaDB, frontend), so the tree is that system's and no other's. DCP runs
/// detached from the AppHost that started it and names it with <c>--monitor PID</c>; that AppHost
/// (dashboard, telemetry receiver) belongs to the system too. Without
/// this, sampling by service name also counted any other EVoting system running on the same
/// machine. Linux /proc only.
/// </summary>
public sealed class SystemProcessTree
{
    private readonly int _root;
    private readonly int? _monitored;
    private readonly Dictionary<int, bool> _inTree = [];

    private SystemProcessTree(int root, int? monitored)
    {
        _root = root;
        _monitored = monitored;
    }

    public int RootPid => _root;

    /// <summary>The process the root watches (<c>--monitor PID</c> on DCP's command line: its AppHost), if any.</summary>
    public int? MonitoredPid => _monitored;

    /// <summary>The tree of the system serving <paramref name="api"/>, or null when no local process listens on its port.</summary>
    public static SystemProcessTree? ForApi(Uri api)
    {
        if (ListeningInode(api.Port) is not { } inode || OwnerOf(inode) is not { } apiPid)
            return null;
        var root = ParentOf(apiPid) is { } parent and > 1 ? parent : apiPid;
        return new SystemProcessTree(root, MonitoredBy(root));
    }

    /// <summary>The pid after <c>--monitor</c> on <paramref name="pid"/>'s command line.</summary>
    public static int? MonitoredBy(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var at = Array.IndexOf(args, "--monitor");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var monitored) && monitored > 1
                ? monitored
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool Contains(int pid)
    {
        if (_inTree.TryGetValue(pid, out var known))
            return known;
        var inTree = pid == _root || pid == _monitored || (ParentOf(pid) is { } parent and > 1 && Contains(parent));
        _inTree[pid] = inTree;
        return inTree;
    }

    /// <summary>The inode of the TCP socket listening on <paramref name="port"/> (IPv4 or IPv6).</summary>
    private static string? ListeningInode(int port)
    {
        var portHex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …; st 0A = LISTEN
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[1].EndsWith(portHex, StringComparison.Ordinal) && f[3] == "0A")
                    return f[9];
            }
        }
        return null;
    }

    private static int? OwnerOf(string inode)
    {
        var target = $"socket:[{inode}]";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                    if (new FileInfo(fd).LinkTarget == target)
                        return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another user's process, or one that just ended
            }
        }
        return null;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …"; comm may hold spaces, so split after the last ')'.
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
