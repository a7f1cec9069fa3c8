using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EVoting.AppHost.MariaDb;

/// <summary>
/// What the machine's <c>mariadbd</c> needs before DCP starts it: <c>mariadb-install-db</c> on first use,
/// and an init file that sets root's password for TCP clients from the password parameter (every start,
/// so a changed parameter takes effect).
/// </summary>
internal static class LocalMariaDb
{
    // Unix socket paths are limited to ~107 bytes.
    private const int MaxSocketPathLength = 100;

    public static IEnumerable<string> Arguments(MariaDbLocalServerResource server)
    {
        yield return "--no-defaults";
        yield return "--datadir=" + server.DataDirectory;
        yield return "--socket=" + SocketPath(server.Folder);
        yield return "--pid-file=" + Path.Combine(server.Folder, "mariadbd.pid");
        yield return "--bind-address=127.0.0.1";
        yield return "--init-file=" + server.InitFile;
        yield return "--skip-name-resolve";
        yield return "--innodb-buffer-pool-size=64M";
        yield return "--max-connections=500";
        yield return "--character-set-server=utf8mb4";
        yield return "--collation-server=utf8mb4_unicode_ci";
        if (Environment.UserName == "root")
            yield return "--user=root";
    }

    public static async Task PrepareAsync(MariaDbLocalServerResource server, string password, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(server.Folder);
        if (!Directory.Exists(Path.Combine(server.DataDirectory, "mysql")))
            await InstallAsync(server.DataDirectory, logger, ct);
        WriteOwnerOnly(server.InitFile, InitSql(password));
    }

    private static async Task InstallAsync(string data, ILogger logger, CancellationToken ct)
    {
        var installer = MachineTools.Find("mariadb-install-db") ?? MachineTools.Find("mysql_install_db")
            ?? throw new InvalidOperationException("'mariadb-install-db' is missing: reinstall with 'sudo apt-get install -y mariadb-server'.");
        List<string> args = ["--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db"];
        if (Environment.UserName == "root")
            args.Add("--user=root");
        // Seen rarely on a saturated machine (exit 1, cause not reproduced): a second attempt on a clean
        // folder costs seconds; the failure's own lines go into the log and the error.
        for (var attempt = 1; ; attempt++)
        {
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true); // a half-initialised folder from an interrupted first run
            var (exitCode, output) = await RunAsync(installer, args, ct);
            foreach (var line in output)
                logger.LogInformation("{Line}", line);
            if (exitCode == 0)
                return;
            if (attempt == 2)
                throw new InvalidOperationException($"mariadb-install-db failed with exit code {exitCode}:\n{string.Join('\n', output.TakeLast(20))}");
            logger.LogWarning("mariadb-install-db failed with exit code {ExitCode}; trying once more on a clean folder.", exitCode);
        }
    }

    private static async Task<(int ExitCode, List<string> Output)> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var lines = (await stdout + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (process.ExitCode, lines);
    }

    // Root over TCP from the loopback with the parameter's password; root over the socket keeps unix_socket auth.
    private static string InitSql(string password)
    {
        var quoted = password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        var sql = new StringBuilder();
        foreach (var host in new[] { "127.0.0.1", "::1" })
        {
            sql.AppendLine($"CREATE USER IF NOT EXISTS 'root'@'{host}' IDENTIFIED BY '{quoted}';");
            sql.AppendLine($"ALTER USER 'root'@'{host}' IDENTIFIED BY '{quoted}';");
            sql.AppendLine($"GRANT ALL PRIVILEGES ON *.* TO 'root'@'{host}' WITH GRANT OPTION;");
        }
        sql.AppendLine("FLUSH PRIVILEGES;");
        return sql.ToString();
    }

    private static string SocketPath(string folder)
    {
        var path = Path.Combine(folder, "mariadbd.sock");
        if (path.Length <= MaxSocketPathLength)
            return path;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
        return Path.Combine(Path.GetTempPath(), $"evoting-mariadb-{hash}.sock");
    }

    /// <summary>The init file holds the root password: readable by its owner alone.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, text);
    }
}
