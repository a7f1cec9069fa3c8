using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;

namespace EVoting.Validator.Node;

/// <summary>One thing that happened to the node, handed to <see cref="NodeCore.Handle"/> (docs/consensus.md#node-core).</summary>
public abstract record NodeInput;

/// <summary>Start consensus at head + 1 (once, after the store is loaded).</summary>
public sealed record StartConsensus : NodeInput;

/// <summary>An authenticated session with validator <paramref name="Peer"/> opened; its hello claimed <paramref name="ClaimedHeight"/> (a hint: only blocks prove it).</summary>
public sealed record PeerConnected(Address Peer, ulong ClaimedHeight) : NodeInput;

/// <summary>A message on the authenticated session with validator <paramref name="Peer"/>.</summary>
public sealed record PeerMessageReceived(Address Peer, P2PMessage Message) : NodeInput;

/// <summary>A transaction from a client (RPC); answered by a <see cref="SubmissionVerdict"/>.</summary>
public sealed record TransactionSubmitted(Transaction Transaction) : NodeInput;

/// <summary>A timeout the core asked for (<see cref="ScheduleTimeout"/>) is due.</summary>
public sealed record TimeoutElapsed(ConsensusTimeout Timeout) : NodeInput;

/// <summary>The periodic tick: starts a height when there is work, re-sends this node's messages.</summary>
public sealed record Tick : NodeInput
{
    public static Tick Instance { get; } = new();
}
