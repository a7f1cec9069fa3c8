namespace EVoting.AppHost.Hosting;

/// <summary>
/// Runs one resource through its states: Waiting (for what it WaitFor's) → Starting (prepare, spawn) →
/// Running with health probes → Exited (or FailedToStart). Can be stopped and started again.
/// </summary>
public sealed class ResourceRunner
{
    private static readonly TimeSpan ProbeIntervalUntilHealthy = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ProbeIntervalWhenHealthy = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly RunContext _run;
    private readonly Func<Resource, CancellationToken, Task> _waitForHealthy;
    private readonly HttpClient _probeClient;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _lifetime;
    private Task _lifecycle = Task.CompletedTask;
    private bool _killRequested;

    internal ResourceRunner(Resource resource, RunContext run, HttpClient probeClient, Func<Resource, CancellationToken, Task> waitForHealthy)
    {
        Resource = resource;
        _run = run;
        _probeClient = probeClient;
        _waitForHealthy = waitForHealthy;
    }

    public Resource Resource { get; }
    public ResourceLogs Logs { get; } = new();
    public ResourceSnapshot Snapshot { get; private set; } = ResourceSnapshot.Initial;

    /// <summary>Raised after every state change (dashboard, console).</summary>
    public event Action<ResourceRunner, ResourceSnapshot>? StateChanged;

    public bool IsActive => !_lifecycle.IsCompleted;

    public void Start()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (IsActive)
                return;
            _killRequested = false;
            _lifetime?.Dispose();
            _lifetime = new CancellationTokenSource();
            var token = _lifetime.Token;
            // NotStarted again before this returns, so a waiter never sees the previous run's Exited.
            Snapshot = ResourceSnapshot.Initial;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _lifecycle = Task.Run(() => RunAsync(token));
        }
        changed.TrySetResult();
    }

    /// <summary>Stops the resource (SIGTERM, then SIGKILL after its grace period; or SIGKILL at once).</summary>
    public async Task StopAsync(bool kill = false)
    {
        Task lifecycle;
        lock (_gate)
        {
            _killRequested = kill;
            _lifetime?.Cancel();
            lifecycle = _lifecycle;
        }
        await lifecycle;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the current snapshot.</summary>
    public async Task<ResourceSnapshot> WaitForAsync(Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (predicate(Snapshot))
                    return Snapshot;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            var spec = await WaitAndPrepareAsync(stop);
            if (spec is null)
                return; // a value resource: it is ready
            await RunProcessAsync(spec, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (Snapshot.State is not (ResourceState.Exited or ResourceState.FailedToStart))
                Set(Snapshot with { State = Snapshot.State == ResourceState.Running ? ResourceState.Exited : ResourceState.NotStarted, Health = ResourceHealth.Unknown, StoppedAt = DateTimeOffset.UtcNow });
        }
        catch (Exception e)
        {
            Logs.Add($"[apphost] {Resource.Name} failed to start: {e.Message}", isError: true);
            Set(Snapshot with { State = ResourceState.FailedToStart, Health = ResourceHealth.Unknown, Message = e.Message, StoppedAt = DateTimeOffset.UtcNow });
        }
    }

    private async Task<ProcessSpec?> WaitAndPrepareAsync(CancellationToken stop)
    {
        // A process waits for what it WaitFor's; a value (a database) needs everything it is made of.
        var waits = Resource is ProcessResource ? Resource.WaitsFor : Resource.Dependencies.ToList();
        if (waits.Count > 0)
        {
            Set(new ResourceSnapshot(ResourceState.Waiting, ResourceHealth.Unknown, Message: "waiting for " + string.Join(", ", waits.Select(w => w.Name))));
            foreach (var dependency in waits)
                await _waitForHealthy(dependency, stop);
        }

        Set(new ResourceSnapshot(ResourceState.Starting, ResourceHealth.Unknown, StartedAt: DateTimeOffset.UtcNow));
        if (Resource is not ProcessResource process)
        {
            await Resource.ActivateAsync(_run, stop);
            Set(Snapshot with { State = ResourceState.Running, Health = ResourceHealth.Healthy });
            return null;
        }
        return await process.PrepareAsync(_run, Logs, stop);
    }

    private async Task RunProcessAsync(ProcessSpec spec, CancellationToken stop)
    {
        var process = (ProcessResource)Resource;
        var child = ChildProcess.Start(spec, Logs);
        Set(Snapshot with { State = ResourceState.Running, Health = ResourceHealth.Unhealthy, ProcessId = child.Id, StartedAt = DateTimeOffset.UtcNow, Message = null });
        try
        {
            var healthy = false;
            while (!child.Exited.IsCompleted)
            {
                var ok = await ProbeAsync(process, stop);
                if (child.Exited.IsCompleted)
                    break;
                if (ok != healthy || Snapshot.Health == ResourceHealth.Unknown)
                    Set(Snapshot with { Health = ok ? ResourceHealth.Healthy : ResourceHealth.Unhealthy });
                healthy = ok;
                await Task.WhenAny(child.Exited, Task.Delay(healthy ? ProbeIntervalWhenHealthy : ProbeIntervalUntilHealthy, stop));
                stop.ThrowIfCancellationRequested();
            }
            var exitCode = await child.Exited;
            Logs.Add($"[apphost] {Resource.Name} exited with code {exitCode}.", isError: exitCode != 0);
            await child.StopAsync(kill: true, TimeSpan.Zero); // whatever it left in its process group
            Set(Snapshot with { State = ResourceState.Exited, Health = ResourceHealth.Unknown, ExitCode = exitCode, StoppedAt = DateTimeOffset.UtcNow });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await child.StopAsync(_killRequested, spec.StopTimeout);
            var exitCode = child.Exited.IsCompleted ? await child.Exited : (int?)null;
            Logs.Add($"[apphost] {Resource.Name} stopped{(_killRequested ? " (killed)" : "")}, exit code {exitCode}.");
            Set(Snapshot with { State = ResourceState.Exited, Health = ResourceHealth.Unknown, ExitCode = exitCode, StoppedAt = DateTimeOffset.UtcNow });
        }
    }

    private async Task<bool> ProbeAsync(ProcessResource process, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await process.ProbeAsync(_run, _probeClient, timeout.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Set(ResourceSnapshot snapshot)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            Snapshot = snapshot;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        StateChanged?.Invoke(this, snapshot);
    }
}
