namespace EVoting.AppHost.Hosting;

/// <summary>
/// An npm app (Aspire's <c>AddNpmApp</c>): installs its packages when <c>node_modules</c> is missing
/// (<c>npm install</c>), then runs a script. In production mode it
/// runs <c>npm run build</c> first and then <c>npm run start</c>.
/// </summary>
public sealed class NpmAppResource(string name, string workingDirectory, string scriptName) : ExecutableResource(name, "npm", workingDirectory)
{
    public string ScriptName { get; set; } = scriptName;

    /// <summary>Build with <c>npm run build</c> before running <see cref="ProductionScriptName"/>.</summary>
    public bool Production { get; set; }

    public string ProductionScriptName { get; set; } = "start";

    /// <summary>Extra arguments after <c>--</c> for the script (e.g. the port and host).</summary>
    public List<ValueExpression> ScriptArgs { get; } = [];

    public string ActiveScript => Production ? ProductionScriptName : ScriptName;

    public override async Task<ProcessSpec> PrepareAsync(RunContext run, ResourceLogs logs, CancellationToken cancellationToken)
    {
        var directory = ResolvePath(run, WorkingDirectory);
        if (!File.Exists(Path.Combine(directory, "package.json")))
            throw new FileNotFoundException($"'{directory}' has no package.json: the npm app '{Name}' is not there yet.");
        var env = GetEnvironment(run);

        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            // npm install, not npm ci: this machine's npm config omits "resolved" from lock files, which npm ci rejects.
            await RunStepAsync(directory, env, logs, ["npm", "install", "--no-audit", "--no-fund"], cancellationToken);
        }
        if (Production)
            await RunStepAsync(directory, env, logs, ["npm", "run", "build"], cancellationToken);

        var args = new List<string> { "run", ActiveScript };
        var extra = ScriptArgs.Select(a => a.Resolve(run)).ToList();
        if (extra.Count > 0)
            args.AddRange(["--", .. extra]);
        return new ProcessSpec(Command, args, directory, env);
    }

    private static async Task RunStepAsync(string directory, Dictionary<string, string> env, ResourceLogs logs, string[] command, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec(command[0], command[1..], directory, env);
        var exitCode = await ChildProcess.RunAsync(spec, logs, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', command)}' in '{directory}' failed with exit code {exitCode} (see the resource's log).");
    }
}
