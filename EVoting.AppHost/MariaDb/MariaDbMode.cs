using System.Diagnostics;
using Aspire.Hosting;

namespace EVoting.AppHost.MariaDb;

/// <summary>
/// Container or the machine's <c>mariadbd</c>: configuration <c>MariaDb:Mode</c> = auto | container | local.
/// Auto publishes a container and, when running, uses one only if a container runtime answers: a container
/// resource with no runtime fails alone and everything waiting for it would wait forever.
/// </summary>
public static class MariaDbMode
{
    public static bool UseContainer(IDistributedApplicationBuilder builder) =>
        builder.Configuration["MariaDb:Mode"] switch
        {
            null or "" or "auto" => builder.ExecutionContext.IsPublishMode || ContainerRuntimeAnswers(),
            "container" => true,
            "local" => false,
            var other => throw new DistributedApplicationException($"MariaDb:Mode '{other}' is not one of auto, container, local."),
        };

    /// <summary>True when a docker daemon answers within 5 s (an installed client alone is not enough).</summary>
    public static bool ContainerRuntimeAnswers()
    {
        if (MachineTools.Find("docker") is not { } docker)
            return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(docker, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && output.Result.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
