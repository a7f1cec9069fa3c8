namespace EVoting.Tests.Validator.Simulation;

/// <summary>The node cores' <see cref="TimeProvider"/>: the scheduler's virtual milliseconds after an epoch (the genesis time).</summary>
internal sealed class SimClock(SimScheduler scheduler, long epochMs) : TimeProvider
{
    public long EpochMs => epochMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(epochMs + scheduler.Now);

    /// <summary>The scheduler time of a unix-ms instant the core names (a timeout's due time).</summary>
    public long ToSchedulerTime(long unixMs) => unixMs - epochMs;
}
