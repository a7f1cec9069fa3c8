namespace EVoting.Api.Data;

/// <summary>Set once the migrations have been applied; background work waits for it.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;
    public Task WaitAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);
    public void MarkReady() => _ready.TrySetResult();
}
