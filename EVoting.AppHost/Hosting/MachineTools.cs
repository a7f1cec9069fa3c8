using System.Diagnostics;

namespace EVoting.AppHost.Hosting;

/// <summary>Finds programs on this machine and asks whether a container engine answers.</summary>
public static class MachineTools
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    public static string? Find(string program)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>True when a docker daemon answers within a few seconds (not just when the client is installed).</summary>
    public static async Task<bool> ContainerEngineAnswersAsync(CancellationToken cancellationToken)
    {
        if (Find("docker") is not { } docker)
            return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(docker, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return false;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && (await process.StandardOutput.ReadToEndAsync(cancellationToken)).Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
