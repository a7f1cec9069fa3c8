using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// A child process in its own process group (started through <c>setsid</c>), so that stopping it
/// reaches everything it started (npm → node → next, dotnet …): SIGTERM to the group, then SIGKILL
/// to whatever is left after the grace period.
/// </summary>
public sealed class ChildProcess
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private const string SetSid = "/usr/bin/setsid";

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _outputDone;

    private ChildProcess(Process process, ResourceLogs logs)
    {
        _process = process;
        Id = process.Id;
        _outputDone = Task.WhenAll(
            PumpAsync(process.StandardOutput, logs, isError: false),
            PumpAsync(process.StandardError, logs, isError: true));
        process.Exited += async (_, _) =>
        {
            // Let the last lines reach the log, but don't wait on grandchildren that hold the pipes open.
            await Task.WhenAny(_outputDone, Task.Delay(TimeSpan.FromSeconds(2)));
            _exited.TrySetResult(process.ExitCode);
        };
        if (process.HasExited)
            _exited.TrySetResult(process.ExitCode);
    }

    public int Id { get; }

    /// <summary>Completes with the exit code when the main process has exited.</summary>
    public Task<int> Exited => _exited.Task;

    public static ChildProcess Start(ProcessSpec spec, ResourceLogs logs)
    {
        // setsid would report a missing program only by its exit code; say it plainly instead.
        var command = spec.Command.Contains('/') ? Path.GetFullPath(spec.Command, spec.WorkingDirectory) : MachineTools.Find(spec.Command)
            ?? throw new FileNotFoundException($"'{spec.Command}' was not found on PATH.");
        if (!File.Exists(command))
            throw new FileNotFoundException($"'{command}' does not exist.");
        if (!Directory.Exists(spec.WorkingDirectory))
            throw new DirectoryNotFoundException($"Working directory '{spec.WorkingDirectory}' does not exist.");
        var useSetSid = File.Exists(SetSid);
        var info = new ProcessStartInfo(useSetSid ? SetSid : command)
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (useSetSid)
            info.ArgumentList.Add(command);
        foreach (var arg in spec.Args)
            info.ArgumentList.Add(arg);
        // A child must not inherit the AppHost's own web settings.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (key, value) in spec.Environment)
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (!process.Start())
            throw new InvalidOperationException($"'{spec.Command}' did not start.");
        process.StandardInput.Close();
        return new ChildProcess(process, logs);
    }

    /// <summary>Runs a command to completion (an install step), its output going to the resource's log.</summary>
    public static async Task<int> RunAsync(ProcessSpec spec, ResourceLogs logs, CancellationToken cancellationToken)
    {
        logs.Add($"$ {spec.Command} {string.Join(' ', spec.Args)}");
        var child = Start(spec, logs);
        try
        {
            return await child.Exited.WaitAsync(cancellationToken);
        }
        finally
        {
            await child.StopAsync(kill: false, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// Stops the process group: SIGTERM (or SIGKILL right away when <paramref name="kill"/>), waits up to
    /// <paramref name="timeout"/>, then SIGKILLs the group and the process tree. Safe to call after exit.
    /// </summary>
    public async Task StopAsync(bool kill, TimeSpan timeout)
    {
        if (!Exited.IsCompleted)
        {
            Signal(kill ? SigKill : SigTerm);
            await Task.WhenAny(Exited, Task.Delay(kill ? TimeSpan.FromSeconds(5) : timeout));
        }

        // Children that outlived the main process (or ignored SIGTERM) get a short grace, then SIGKILL.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(kill ? 0 : 2);
        while (GroupAlive() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Signal(SigKill);
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
        while (GroupAlive() && DateTime.UtcNow < deadline + TimeSpan.FromSeconds(5))
            await Task.Delay(50);
    }

    private void Signal(int signal)
    {
        // Negative pid: the whole process group (the child is its leader thanks to setsid). Right after
        // the spawn, setsid may not have made the group yet: then signal the process itself.
        if (kill(-Id, signal) != 0)
            kill(Id, signal);
    }

    private bool GroupAlive() => kill(-Id, 0) == 0;

    private static async Task PumpAsync(StreamReader reader, ResourceLogs logs, bool isError)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
                logs.Add(line, isError);
        }
        catch (IOException)
        {
            // The pipe closed under us: the process is gone.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
