using EVoting.Chain;
using EVoting.Validator.Collections;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;

namespace EVoting.Validator.Node;

/// <summary>
/// Converts between the engine's votes (validator index) and the wire's (address, signature).
/// Recovered signers are remembered (bounded): every message is re-sent each rebroadcast interval and arrives again
/// inside proposals' proofs and certificates, and a repeat costs a lookup instead of a public-key recovery.
/// </summary>
public sealed class ConsensusMapping(Genesis genesis)
{
    /// <summary>Room for the messages of several heights and rounds of a network's validators.</summary>
    public const int SignerCacheCapacity = 4096;

    private readonly BoundedFifoMap<(Hash32 Digest, Signature Signature), Address?> _signers = new(SignerCacheCapacity);

    /// <summary>The address <paramref name="signature"/> over <paramref name="digest"/> recovers to, or null.</summary>
    public Address? SignerOf(Hash32 digest, Signature signature)
    {
        if (_signers.TryGetValue((digest, signature), out var known))
            return known;
        var signer = Signature.RecoverSigner(digest, signature);
        _signers.TryAdd((digest, signature), signer);
        return signer;
    }

    public VoteMessage ToWire(ConsensusVote vote) => new(
        vote.Step == ConsensusStep.Prevote ? VoteType.Prevote : VoteType.Precommit,
        vote.Height, vote.Round, vote.ValueId, genesis.Validators[vote.Validator],
        vote.Signature ?? throw new InvalidOperationException("vote is not signed"));

    /// <summary>The engine's vote, or null when the signer is not a validator or the signature does not recover to it.</summary>
    public ConsensusVote? FromWire(VoteMessage message)
    {
        var index = genesis.IndexOf(message.Validator);
        if (index < 0)
            return null;
        var digest = ConsensusDigest.Vote(genesis.ChainId, message.Type, message.Height, message.Round, message.BlockHash);
        if (SignerOf(digest, message.Signature) != message.Validator)
            return null;
        var step = message.Type == VoteType.Prevote ? ConsensusStep.Prevote : ConsensusStep.Precommit;
        return new ConsensusVote(step, message.Height, message.Round, message.BlockHash, index, message.Signature);
    }

    /// <summary>True when the vote carries a signature by the validator it names (the engine asks before it uses a vote).</summary>
    public bool IsSigned(ConsensusVote vote) =>
        vote.Signature is Signature signature && vote.Validator >= 0 && vote.Validator < genesis.Validators.Count
        && Signature.RecoverSigner(VoteDigest(vote), signature) == genesis.Validators[vote.Validator];

    /// <summary>True when the proposal carries a signature by the validator it names over its (height, round, pol round, block hash).</summary>
    public bool IsSigned(ConsensusProposal proposal) =>
        proposal.Signature is Signature signature && proposal.Validator >= 0 && proposal.Validator < genesis.Validators.Count
        && Signature.RecoverSigner(ProposalDigest(proposal), signature) == genesis.Validators[proposal.Validator];

    public Signature SignProposal(EthKey key, ConsensusProposal proposal) => key.Sign(ProposalDigest(proposal));

    private Hash32 ProposalDigest(ConsensusProposal proposal) => ConsensusDigest.Proposal(genesis.ChainId, proposal.Height, proposal.Round,
        proposal.PolRound, ((BlockValue)proposal.Value).Block.Hash);

    public Signature SignVote(EthKey key, ConsensusVote vote) => key.Sign(VoteDigest(vote));

    private Hash32 VoteDigest(ConsensusVote vote) => ConsensusDigest.Vote(
        genesis.ChainId, vote.Step == ConsensusStep.Prevote ? VoteType.Prevote : VoteType.Precommit,
        vote.Height, vote.Round, vote.ValueId);

    /// <summary>The engine's view of a final block's certificate: one precommit per signer.</summary>
    public IReadOnlyList<ConsensusVote> PrecommitsOf(Block block)
    {
        if (block.Commit is not { } commit)
            return [];
        var digest = ConsensusDigest.Vote(genesis.ChainId, VoteType.Precommit, block.Index, commit.Round, block.Hash);
        var votes = new List<ConsensusVote>();
        foreach (var sig in commit.Precommits)
        {
            if (SignerOf(digest, sig) is { } signer && genesis.IndexOf(signer) is var i and >= 0)
                votes.Add(new ConsensusVote(ConsensusStep.Precommit, block.Index, commit.Round, block.Hash, i, sig));
        }
        return votes;
    }
}
