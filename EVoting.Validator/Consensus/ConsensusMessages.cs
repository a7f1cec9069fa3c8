using EVoting.Chain;

namespace EVoting.Validator.Consensus;

/// <summary>The three steps of a Tendermint round. Votes use Prevote and Precommit.</summary>
public enum ConsensusStep
{
    Propose = 0,
    Prevote = 1,
    Precommit = 2,
}

/// <summary>
/// What consensus decides on: a block. The engine only needs its identity (the block hash) and its height.
/// </summary>
public interface IConsensusValue
{
    Hash32 Id { get; }
    ulong Height { get; }
}

/// <summary>A signed consensus message (a vote or a proposal): the height and round it is for, and who signed it.</summary>
public interface IConsensusMessage
{
    ulong Height { get; }
    int Round { get; }
    int Validator { get; }
}

/// <summary>
/// A prevote or precommit. <see cref="ValueId"/> null is a nil vote. <see cref="Signature"/> is null until the host
/// signs the vote (<see cref="IConsensusHost.Sign(ConsensusVote)"/>); the engine only carries it.
/// </summary>
public sealed record ConsensusVote(ConsensusStep Step, ulong Height, int Round, Hash32? ValueId, int Validator, Signature? Signature = null) : IConsensusMessage
{
    public bool SameSlot(ConsensusVote other) =>
        Step == other.Step && Height == other.Height && Round == other.Round && Validator == other.Validator;
}

/// <summary>
/// A proposal for (height, round). <see cref="PolRound"/> is the round in which the value got a
/// quorum of prevotes (-1 for a fresh value); <see cref="PolVotes"/> carries those prevotes so a
/// node that missed them can still accept the re-proposal (liveness under message loss).
/// </summary>
public sealed record ConsensusProposal(
    ulong Height,
    int Round,
    int PolRound,
    IConsensusValue Value,
    int Validator,
    IReadOnlyList<ConsensusVote> PolVotes,
    Signature? Signature = null) : IConsensusMessage;

/// <summary>
/// The host's verdict on a value (<see cref="IConsensusHost.Validate"/>). <see cref="Invalid"/> is about the value's
/// content alone and is cached for the height; <see cref="NotYet"/> depends on the clock or the round and is asked
/// again later (docs/consensus.md#what-is-cached).
/// </summary>
public enum ValueVerdict
{
    Valid,
    Invalid,
    NotYet,
}

/// <summary>A decided value with the quorum of precommits that makes it final (the commit certificate).</summary>
public sealed record ConsensusDecision(ulong Height, int Round, IConsensusValue Value, IReadOnlyList<ConsensusVote> Precommits);

/// <summary>Kinds of round timeouts (Tendermint's OnTimeoutPropose / Prevote / Precommit) plus the periodic tick.</summary>
public enum TimeoutKind
{
    Propose,
    Prevote,
    Precommit,
}

public readonly record struct ConsensusTimeout(TimeoutKind Kind, ulong Height, int Round, long DueMs);

/// <summary>Proof that <see cref="Validator"/> signed two different values for one slot.</summary>
public sealed record EquivocationEvidence(int Validator, ulong Height, int Round, ConsensusStep Step, Hash32? FirstValueId, Hash32? SecondValueId, Signature? FirstSignature, Signature? SecondSignature);
