namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The simulated network: every message gets a seeded random delay (so it is reordered), may be
/// lost or duplicated, and is dropped across a partition or to a crashed node.
/// </summary>
internal sealed class SimNetwork(SimWorld world, Random random)
{
    private int[]? _partitionGroup;

    public double LossRate { get; set; }

    public double DuplicateRate { get; set; }

    public int MinDelayMs { get; set; } = 1;

    public int MaxDelayMs { get; set; } = 40;

    public long MessagesSent { get; private set; }

    /// <summary>Splits the nodes into groups (group number per node); null heals.</summary>
    public void Partition(int[]? groupOfNode) => _partitionGroup = groupOfNode;

    public bool Connected(int a, int b) => _partitionGroup is null || _partitionGroup[a] == _partitionGroup[b];

    public void Send(int from, int to, object message)
    {
        MessagesSent++;
        if (from == to || !Connected(from, to) || random.NextDouble() < LossRate)
            return;
        Deliver(from, to, message);
        if (random.NextDouble() < DuplicateRate)
            Deliver(from, to, message);
    }

    private void Deliver(int from, int to, object message)
    {
        var delay = random.Next(MinDelayMs, MaxDelayMs + 1);
        world.Scheduler.At(world.Scheduler.Now + delay, () =>
        {
            if (Connected(from, to))
                world.Nodes[to].Receive(from, message);
        });
    }
}
