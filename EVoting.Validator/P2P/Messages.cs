using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>A P2P message. Every one may carry a W3C traceparent so a vote's trace continues across nodes.</summary>
public abstract record P2PMessage
{
    public string? Traceparent { get; init; }
}

/// <summary>First message on a connection, both ways: who I am, which network, how far I am, and a fresh nonce to sign.</summary>
public sealed record PeerHello(string NodeId, Address Address, Hash32 GenesisHash, ulong Height, Hash32 BestHash, byte[] Nonce, string Host, int P2PPort, int RpcPort) : P2PMessage;

/// <summary>Second message: the sender's validator signature over the other side's nonce (see <see cref="Handshake"/>).</summary>
public sealed record PeerProof(Signature Signature) : P2PMessage;

public sealed record NewTransaction(Transaction Transaction) : P2PMessage;

/// <summary>A final block with its commit certificate.</summary>
public sealed record NewBlock(Block Block) : P2PMessage;

public sealed record SyncRequest(ulong FromIndex, ulong ToIndex) : P2PMessage;

public sealed record SyncResponse(IReadOnlyList<Block> Blocks) : P2PMessage;

/// <summary>A signed prevote or precommit; <see cref="BlockHash"/> null is a nil vote.</summary>
public sealed record VoteMessage(VoteType Type, ulong Height, int Round, Hash32? BlockHash, Address Validator, Signature Signature) : P2PMessage;

/// <summary>
/// A proposal for (height, round), signed by that round's proposer over
/// ConsensusDigest.Proposal; <see cref="PolVotes"/> are the prevotes of <see cref="PolRound"/> for the block.
/// </summary>
public sealed record ProposalMessage(ulong Height, int Round, int PolRound, Block Block, Signature Signature, IReadOnlyList<VoteMessage> PolVotes) : P2PMessage;
