using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;

namespace EVoting.Validator.Node;

/// <summary>
/// What the node core asks its shell to do after an input (docs/consensus.md#node-core). Durable writes are not
/// effects: the core makes them through its <see cref="Storage.IChainStore"/> before returning, so every effect
/// may be lost (a crash between persist and send) without breaking a promise.
/// </summary>
public abstract record NodeEffect;

public sealed record SendToPeer(Address Peer, P2PMessage Message) : NodeEffect;

/// <summary>To every connected validator but <paramref name="Except"/> (the peer the message came from).</summary>
public sealed record BroadcastToPeers(P2PMessage Message, Address? Except = null) : NodeEffect;

/// <summary>Hand <see cref="TimeoutElapsed"/> back at <see cref="ConsensusTimeout.DueMs"/> (unix ms of the core's <see cref="TimeProvider"/>).</summary>
public sealed record ScheduleTimeout(ConsensusTimeout Timeout) : NodeEffect;

/// <summary>The peer sent something no honest validator sends (a bad signature, an invalid final block): close its session.</summary>
public sealed record DisconnectPeer(Address Peer, string Reason) : NodeEffect;

/// <summary>The answer to <see cref="TransactionSubmitted"/>: null when admitted.</summary>
public sealed record SubmissionVerdict(Hash32 Transaction, RpcRejection? Rejection) : NodeEffect;
