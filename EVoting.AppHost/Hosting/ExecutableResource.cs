namespace EVoting.AppHost.Hosting;

/// <summary>Any command line (a script, python, node…), started in a working directory.</summary>
public class ExecutableResource(string name, string command, string workingDirectory) : ProcessResource(name)
{
    public string Command { get; } = command;

    /// <summary>Relative to the repository root, or absolute.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    public override string DisplayType => "Executable";

    public override Task<ProcessSpec> PrepareAsync(RunContext run, ResourceLogs logs, CancellationToken cancellationToken) =>
        Task.FromResult(new ProcessSpec(Command, ResolveArgs(run), ResolvePath(run, WorkingDirectory), GetEnvironment(run)));
}
