using EVoting.Validator.Node;
using EVoting.Validator.P2P;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The simulated network between the validators' authenticated sessions: every message gets a seeded random delay
/// (so it is reordered), may be lost or duplicated, and is dropped across a partition or to a node that is down.
/// A delivery is the input <see cref="PeerMessageReceived"/> naming the session's validator.
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

    /// <summary>A message on the session between <paramref name="from"/> and <paramref name="to"/> (the session names <paramref name="from"/>'s validator).</summary>
    public void Send(int from, int to, P2PMessage message)
    {
        MessagesSent++;
        if (from == to || !Connected(from, to) || random.NextDouble() < LossRate)
            return;
        Deliver(from, to, message);
        if (random.NextDouble() < DuplicateRate)
            Deliver(from, to, message);
    }

    private void Deliver(int from, int to, P2PMessage message)
    {
        var delay = random.Next(MinDelayMs, MaxDelayMs + 1);
        world.Scheduler.At(world.Scheduler.Now + delay, () =>
        {
            if (Connected(from, to))
                world.Nodes[to].Handle(new PeerMessageReceived(world.Nodes[from].Address, message));
        });
    }
}
