using System.Globalization;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// Runs the machine's <c>mariadbd</c> as a child process with everything in the state folder:
/// <c>mariadb-install-db</c> on first use, then an init file that sets the root password for TCP clients.
/// </summary>
internal static class LocalMariaDb
{
    private const int MaxSocketPathLength = 100;

    public static async Task<ProcessSpec> PrepareAsync(RunContext run, MariaDbServerResource server, string password, ResourceLogs logs, CancellationToken cancellationToken)
    {
        var mariadbd = MachineTools.Find("mariadbd") ?? MachineTools.Find("mysqld")
            ?? throw new InvalidOperationException(
                "MariaDB is not available: no container engine answers and 'mariadbd' is not installed. " +
                "Install it with 'sudo apt-get install -y mariadb-server' (or start Docker), then run again.");

        var folder = run.StatePath(server.Name);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        await KillLeftoverAsync(Path.Combine(folder, "mariadbd.pid"), data, logs);

        var asRoot = Environment.UserName == "root";
        if (!Directory.Exists(Path.Combine(data, "mysql")))
            await InstallAsync(data, asRoot, logs, cancellationToken);

        var initFile = Path.Combine(folder, "init.sql");
        OwnerOnlyFile.WriteAllText(initFile, InitSql(password));

        var port = server.PrimaryEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        List<string> args =
        [
            "--no-defaults",
            "--datadir=" + data,
            "--socket=" + SocketPath(folder),
            "--pid-file=" + Path.Combine(folder, "mariadbd.pid"),
            "--port=" + port,
            "--bind-address=" + EndpointAnnotation.Host,
            "--init-file=" + initFile,
            "--skip-name-resolve",
            "--innodb-buffer-pool-size=64M",
            "--max-connections=500",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
        ];
        if (asRoot)
            args.Add("--user=root");
        return new ProcessSpec(mariadbd, args, folder, new Dictionary<string, string>()) { StopTimeout = TimeSpan.FromSeconds(20) };
    }

    private static async Task InstallAsync(string data, bool asRoot, ResourceLogs logs, CancellationToken cancellationToken)
    {
        var installer = MachineTools.Find("mariadb-install-db") ?? MachineTools.Find("mysql_install_db")
            ?? throw new InvalidOperationException("'mariadb-install-db' is missing: reinstall with 'sudo apt-get install -y mariadb-server'.");
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true); // a half-initialised folder from an interrupted first run
        List<string> args = ["--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db"];
        if (asRoot)
            args.Add("--user=root");
        var spec = new ProcessSpec(installer, args, Path.GetDirectoryName(data)!, new Dictionary<string, string>());
        // Seen rarely on a saturated machine (exit 1, cause not reproduced): a second attempt on a
        // clean folder costs seconds; the failure's own lines stay in the log and go into the error.
        for (var attempt = 1; ; attempt++)
        {
            var exitCode = await ChildProcess.RunAsync(spec, logs, cancellationToken);
            if (exitCode == 0)
                return;
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
            if (attempt == 2)
                throw new InvalidOperationException($"mariadb-install-db failed with exit code {exitCode}. Its last lines:\n{logs.Tail(20)}");
            logs.Add($"mariadb-install-db failed with exit code {exitCode}; trying once more on a clean folder.", isError: true);
        }
    }

    // Root over TCP from 127.0.0.1 with the parameter's password; root over the socket keeps unix_socket auth.
    private static string InitSql(string password)
    {
        var quoted = password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        return $"""
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{quoted}';
            ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{quoted}';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            FLUSH PRIVILEGES;

            """;
    }

    private static string SocketPath(string folder)
    {
        var path = Path.Combine(folder, "mariadbd.sock");
        if (path.Length <= MaxSocketPathLength)
            return path;
        // Unix socket paths are limited to ~107 bytes; a deep state folder gets a short one in /tmp.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(folder)))[..16];
        return Path.Combine(Path.GetTempPath(), $"evoting-mariadb-{hash}.sock");
    }

    /// <summary>A mariadbd left running on this data folder by an AppHost that was killed would hold its lock.</summary>
    private static async Task KillLeftoverAsync(string pidFile, string data, ResourceLogs logs)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            return;
        var cmdline = $"/proc/{pid}/cmdline";
        if (!File.Exists(cmdline) || !File.ReadAllText(cmdline).Contains("--datadir=" + data, StringComparison.Ordinal))
            return;
        logs.Add($"Stopping a mariadbd (pid {pid}) left running on this data folder by an earlier run.");
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
