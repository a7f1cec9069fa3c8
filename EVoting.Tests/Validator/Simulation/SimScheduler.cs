namespace EVoting.Tests.Validator.Simulation;

/// <summary>A virtual clock with an event queue; ties break by insertion order, so runs are deterministic.</summary>
internal sealed class SimScheduler
{
    private readonly PriorityQueue<Action, (long Time, long Seq)> _queue = new();
    private long _seq;

    public long Now { get; private set; }

    public void At(long time, Action action) => _queue.Enqueue(action, (Math.Max(time, Now), _seq++));

    public void RunUntil(long time)
    {
        while (_queue.TryPeek(out _, out var priority) && priority.Time <= time)
        {
            var action = _queue.Dequeue();
            Now = priority.Time;
            action();
        }
        Now = time;
    }
}
