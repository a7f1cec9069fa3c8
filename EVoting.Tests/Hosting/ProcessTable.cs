using System.Net.Sockets;

namespace EVoting.Tests.Hosting;

/// <summary>What is running on this machine, read from /proc: to prove the harness leaves nothing behind.</summary>
internal static class ProcessTable
{
    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid);

    /// <summary>Live processes whose process group is <paramref name="processGroup"/>.</summary>
    public static IReadOnlyList<int> GroupMembers(int processGroup)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            var fields = ReadStat(pid);
            if (fields is not null && fields.Value.Group == processGroup && fields.Value.State != 'Z')
                members.Add(pid);
        }
        return members;
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

    private static bool IsZombie(int pid) => ReadStat(pid)?.State == 'Z';

    private static (char State, int Group)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid pgrp …" — comm may contain spaces, so split after the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (rest[0][0], int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
