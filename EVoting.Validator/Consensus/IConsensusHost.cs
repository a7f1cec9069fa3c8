namespace EVoting.Validator.Consensus;

/// <summary>
/// Everything the pure consensus engine needs from outside: the clock, the application (build and
/// validate blocks, commit them), timers, and the outbound network. The node and the deterministic
/// simulation each implement it, so the same engine code runs in both.
/// </summary>
public interface IConsensusHost
{
    /// <summary>Current time in unix milliseconds (virtual in the simulation).</summary>
    long NowMs { get; }

    /// <summary>True when transactions are waiting, so a block should be produced.</summary>
    bool HasPendingWork { get; }

    /// <summary>Timestamp (ms) of the head block; used to bound the head's age.</summary>
    long HeadTimestampMs { get; }

    /// <summary>Builds a new value for (height, round) on top of the head, or null when it cannot.</summary>
    IConsensusValue? CreateValue(ulong height, int round);

    /// <summary>
    /// Checks a value against the head (everything but the certificate) for <paramref name="round"/>. Only values of
    /// authenticated proposals are asked about, so a verdict on the content holds for every copy with the same id:
    /// <see cref="ValueVerdict.Invalid"/> is cached for the height. A verdict that depends on the clock (a timestamp
    /// ahead of it) or on the round (a value proposed for a later round) is <see cref="ValueVerdict.NotYet"/>.
    /// </summary>
    ValueVerdict Validate(IConsensusValue value, int round, out string? error);

    /// <summary>
    /// True when the proposal is signed by the scheduled proposer of its (height, round) and its value is intact: it
    /// matches its id in every field, including those the id does not cover (for a block, its proposer's signature
    /// and each transaction's signature and submitter). Checked before a proposal is stored.
    /// </summary>
    bool Authenticate(ConsensusProposal proposal, out string? error);

    /// <summary>True when the vote carries a valid signature by validator <see cref="ConsensusVote.Validator"/>.</summary>
    bool Authenticate(ConsensusVote vote);

    /// <summary>Asks for <see cref="TendermintEngine.OnTimeout"/> to be called at <see cref="ConsensusTimeout.DueMs"/>.</summary>
    void Schedule(ConsensusTimeout timeout);

    /// <summary>Signs a vote the guard has authorized (the node signs; the simulation returns it as is).</summary>
    ConsensusVote Sign(ConsensusVote vote);

    ConsensusProposal Sign(ConsensusProposal proposal);

    void Broadcast(ConsensusVote vote);

    void Broadcast(ConsensusProposal proposal);

    /// <summary>Durably stores and applies a final value. Called once per height, in order.</summary>
    void Commit(ConsensusDecision decision);

    /// <summary>
    /// Two different signed messages by one validator for one (height, round, step): evidence of
    /// equivocation. The engine keeps the first and reports both.
    /// </summary>
    void ReportEquivocation(EquivocationEvidence evidence);

    /// <summary>A round change happened (for metrics and logs).</summary>
    void OnRoundChanged(ulong height, int round);
}
