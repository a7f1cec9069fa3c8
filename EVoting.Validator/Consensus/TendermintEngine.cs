using EVoting.Chain;

namespace EVoting.Validator.Consensus;

/// <summary>
/// Tendermint consensus for one validator (Buchman, Kwon, Milosevic 2018, "The latest gossip on BFT
/// consensus", Algorithm 1), with quorum q = ceil(2n/3) and a round-skip threshold f + 1 = 2q - n.
/// Pure and single-threaded: inputs are messages, timeouts and ticks; outputs go through
/// <see cref="IConsensusHost"/>. Every signature is first authorized (and persisted) by the
/// <see cref="ISigningGuard"/>. docs/consensus.md describes these rules one by one.
/// </summary>
public sealed partial class TendermintEngine
{
    private readonly ConsensusParameters _p;
    private readonly int _self;
    private readonly IConsensusHost _host;
    private readonly ISigningGuard _guard;

    private readonly Dictionary<int, ConsensusProposal> _proposals = new();
    private readonly Dictionary<Hash32, IConsensusValue> _values = new();
    // Verdicts on content only (Valid, Invalid) by value id; NotYet is never cached (docs/consensus.md#what-is-cached).
    private readonly Dictionary<Hash32, ValueVerdict> _verdicts = new();
    private readonly Dictionary<int, VoteSet> _prevotes = new();
    private readonly Dictionary<int, VoteSet> _precommits = new();
    // Per validator, the highest round it sent an authenticated message for at this height (the round-skip rule).
    private readonly Dictionary<int, int> _highestRound = new();
    // Per validator, its messages of its highest round while that is beyond the kept rounds.
    private readonly HeldMessages _ahead = new();
    private readonly HeldMessages _nextHeight = new();
    private readonly HashSet<int> _prevoteTimeoutScheduled = new();
    private readonly HashSet<int> _precommitTimeoutScheduled = new();
    private readonly HashSet<int> _polkaHandled = new();

    private IConsensusValue? _lockedValue;
    private int _lockedRound = LockState.NoLock;
    private IReadOnlyList<ConsensusVote> _lockProof = [];
    private IConsensusValue? _validValue;
    private int _validRound = LockState.NoLock;
    private bool _waiting;
    private bool _started;
    // This node's signed messages of the current height by round, re-sent for the current and the
    // previous round: a node still in the previous round needs them to time out and follow.
    private readonly Dictionary<int, List<IConsensusMessage>> _own = new();
    private long _lastRebroadcastMs;

    // After a wipe the node does not know what it signed before; it abstains through this height.
    private ulong _abstainThrough;
    private bool _abstainUntilPeerSeen;

    public TendermintEngine(ConsensusParameters parameters, int selfIndex, IConsensusHost host, ISigningGuard guard)
    {
        if (selfIndex < -1 || selfIndex >= parameters.ValidatorCount)
            throw new ArgumentOutOfRangeException(nameof(selfIndex));
        _p = parameters;
        _self = selfIndex;
        _host = host;
        _guard = guard;
    }

    public ulong Height { get; private set; }

    public int Round { get; private set; }

    public ConsensusStep Step { get; private set; }

    /// <summary>True while round 0 has not started because there is nothing to do yet (empty blocks skipped).</summary>
    public bool IsWaitingForWork => _waiting;

    /// <summary>True while this node must not sign (after a wipe, until a full height has passed).</summary>
    public bool IsAbstaining => _abstainUntilPeerSeen || Height <= _abstainThrough;

    public int LockedRound => _lockedRound;

    public ConsensusDecision? LastDecision { get; private set; }

    /// <summary>
    /// Starts at <paramref name="height"/> (head + 1). When <paramref name="stateWasLost"/> (no signing
    /// state although the node may have signed before), the node abstains until it has seen a peer's
    /// message for some height H and H + 1 is final, then votes from H + 2 on.
    /// </summary>
    public void Start(ulong height, bool stateWasLost)
    {
        _abstainUntilPeerSeen = stateWasLost;
        _abstainThrough = 0;
        EnterHeight(height);
        var state = _guard.State;
        if (state is not null && state.Height == height && state.Lock.Value is { } locked && state.Lock.Round >= 0)
        {
            _lockedValue = locked;
            _lockedRound = state.Lock.Round;
            _lockProof = state.Lock.Proof;
            _values[locked.Id] = locked;
            // A lock implies the value was valid with a quorum of prevotes: it is also the valid value,
            // and the persisted prevotes let it be re-proposed with its proof.
            _validValue = locked;
            _validRound = _lockedRound;
            foreach (var vote in state.Lock.Proof)
                AddVote(vote);
        }
        _started = true;
        if (state is not null && state.Height == height)
            ResumeSignedRound(state);
        Evaluate();
    }

    /// <summary>
    /// After a restart in the middle of a height: go back to the round and step last signed (the
    /// guard refuses anything earlier) and re-sign the votes recorded there, so peers that missed
    /// them can still count them. Re-signing the same vote for the same slot is allowed.
    /// </summary>
    private void ResumeSignedRound(SigningState state)
    {
        StartRound(state.Last.Round);
        foreach (var slot in state.Slots)
        {
            if (slot.Step == ConsensusStep.Propose)
                continue;
            if (slot.Round == Round)
                Step = slot.Step;
            SignAndSend(new ConsensusVote(slot.Step, Height, slot.Round, slot.ValueId, _self));
        }
    }

    /// <summary>
    /// A peer's proposal. Stored only when it is for this height (or held for the next), its rounds are within
    /// bounds, and the host authenticates it: signed by the scheduled proposer, its value intact. A tampered copy is
    /// dropped here, so it can neither take the place of the genuine proposal nor leave a verdict behind.
    /// </summary>
    public void OnProposal(ConsensusProposal proposal)
    {
        if (!_started || !IsForThisOrNextHeight(proposal.Height) || !IsRoundInBounds(proposal.Round)
            || proposal.PolRound < -1 || proposal.PolRound >= proposal.Round
            || proposal.Validator != _p.ProposerIndex(proposal.Height, proposal.Round)
            || !_host.Authenticate(proposal, out _))
            return;
        Receive(proposal with { PolVotes = AuthenticPolVotes(proposal) });
    }

    /// <summary>
    /// The proposal's proof-of-lock prevotes that count: for its value, round and height, one per validator, each
    /// authenticated. The proposal's signature does not cover them, so the cheap checks come first and at most 2n
    /// signatures are checked, whatever the list holds.
    /// </summary>
    private List<ConsensusVote> AuthenticPolVotes(ConsensusProposal proposal)
    {
        var votes = new Dictionary<int, ConsensusVote>();
        var checks = 0;
        foreach (var vote in proposal.PolVotes)
        {
            if (vote.Step != ConsensusStep.Prevote || vote.Height != proposal.Height || vote.Round != proposal.PolRound
                || vote.ValueId != proposal.Value.Id || !IsFromValidator(vote) || votes.ContainsKey(vote.Validator))
                continue;
            if (++checks > 2 * _p.ValidatorCount)
                break;
            if (_host.Authenticate(vote))
                votes[vote.Validator] = vote;
        }
        return [.. votes.Values];
    }

    /// <summary>A peer's vote: used only when it is for this height (or held for the next), its round within bounds and its signature valid.</summary>
    public void OnVote(ConsensusVote vote)
    {
        if (!_started || !IsForThisOrNextHeight(vote.Height) || !IsRoundInBounds(vote.Round) || !IsFromValidator(vote)
            || vote.Step == ConsensusStep.Propose || !_host.Authenticate(vote))
            return;
        Receive(vote);
    }

    private bool IsForThisOrNextHeight(ulong height) => height == Height || height == Height + 1;

    private bool IsFromValidator(ConsensusVote vote) => vote.Validator >= 0 && vote.Validator < _p.ValidatorCount;

    private void Receive(IConsensusMessage message)
    {
        if (message.Height == Height + 1)
        {
            _nextHeight.Add(message.Validator, message);
            return;
        }
        NotePeer(message.Validator, message.Height);
        Accept(message.Validator, message);
        Evaluate();
    }

    /// <summary>
    /// A final value for the current height learned from a peer (new_block or sync) together with
    /// its certificate. The engine checks the quorum of authenticated precommits and judges the value
    /// afresh (a verdict cached from another copy or an earlier clock does not count).
    /// Returns false (and changes nothing) when it does not decide the current height.
    /// </summary>
    public bool OnDecision(ConsensusDecision decision)
    {
        if (!_started || decision.Height != Height || decision.Value.Height != Height || !IsRoundInBounds(decision.Round))
            return false;
        var distinct = decision.Precommits
            .Where(v => v.Step == ConsensusStep.Precommit && v.Height == Height && v.Round == decision.Round
                && v.ValueId == decision.Value.Id && IsFromValidator(v))
            .Where(_host.Authenticate).Select(v => v.Validator).Distinct().Count();
        if (distinct < _p.Quorum)
            return false;
        if (_host.Validate(decision.Value, decision.Round, out _) != ValueVerdict.Valid)
            return false;
        Decide(decision);
        Evaluate();
        return true;
    }

    public void OnTimeout(ConsensusTimeout timeout)
    {
        if (!_started || timeout.Height != Height || timeout.Round != Round)
            return;
        switch (timeout.Kind)
        {
            case TimeoutKind.Propose when Step == ConsensusStep.Propose && !_waiting:
                Prevote(null);
                break;
            case TimeoutKind.Prevote when Step == ConsensusStep.Prevote:
                Precommit(null);
                break;
            case TimeoutKind.Precommit when Round < ConsensusParameters.MaxRound:
                StartRound(Round + 1);
                break;
        }
        Evaluate();
    }

    /// <summary>
    /// Called by the host every few hundred ms: starts round 0 when there is work (or the head is
    /// getting old), and re-sends this node's messages of the current round so loss only delays.
    /// </summary>
    public void Tick()
    {
        if (!_started)
            return;
        var now = _host.NowMs;
        if (_waiting && ReadyToStartHeight())
            StartRound(0);
        if (now - _lastRebroadcastMs >= _p.RebroadcastIntervalMs)
        {
            _lastRebroadcastMs = now;
            foreach (var round in new[] { Round - 1, Round })
            {
                if (!_own.TryGetValue(round, out var messages))
                    continue;
                foreach (var message in messages)
                {
                    if (message is ConsensusProposal proposal)
                        _host.Broadcast(proposal);
                    else if (message is ConsensusVote vote)
                        _host.Broadcast(vote);
                }
            }
        }
        Evaluate();
    }

    private bool ReadyToStartHeight()
    {
        var now = _host.NowMs;
        var head = _host.HeadTimestampMs;
        if (now >= head + _p.MaxEmptyIntervalMs)
            return true;
        return _host.HasPendingWork && now >= head + _p.BlockPeriodMs;
    }

    private void EnterHeight(ulong height)
    {
        Height = height;
        Round = 0;
        Step = ConsensusStep.Propose;
        _waiting = true;
        _proposals.Clear();
        _values.Clear();
        _verdicts.Clear();
        _prevotes.Clear();
        _precommits.Clear();
        _highestRound.Clear();
        _ahead.Clear();
        _prevoteTimeoutScheduled.Clear();
        _precommitTimeoutScheduled.Clear();
        _polkaHandled.Clear();
        _lockedValue = null;
        _lockedRound = LockState.NoLock;
        _lockProof = [];
        _validValue = null;
        _validRound = LockState.NoLock;
        _own.Clear();
    }

    private void StartRound(int round)
    {
        Round = round;
        Step = ConsensusStep.Propose;
        _waiting = false;
        ForgetRoundsNoLongerKept();
        if (round > 0)
            _host.OnRoundChanged(Height, round);
        if (_p.ProposerIndex(Height, round) == _self)
            Propose();
        _host.Schedule(new ConsensusTimeout(TimeoutKind.Propose, Height, round, _host.NowMs + _p.TimeoutMs(round)));
    }

    private void Propose()
    {
        var value = _validValue ?? _host.CreateValue(Height, Round);
        if (value is null)
            return;
        var polRound = _validValue is null ? -1 : _validRound;
        if (!CanSign(ConsensusStep.Propose, value.Id))
            return;
        var polVotes = polRound >= 0 ? PrevotesOf(polRound).VotesFor(value.Id) : [];
        var proposal = _host.Sign(new ConsensusProposal(Height, Round, polRound, value, _self, polVotes));
        OwnOf(Round).Add(proposal);
        _host.Broadcast(proposal);
        AddProposal(proposal);
    }

    private void Prevote(Hash32? valueId)
    {
        Step = ConsensusStep.Prevote;
        _waiting = false;
        SignAndSend(new ConsensusVote(ConsensusStep.Prevote, Height, Round, valueId, _self));
    }

    private void Precommit(Hash32? valueId)
    {
        Step = ConsensusStep.Precommit;
        SignAndSend(new ConsensusVote(ConsensusStep.Precommit, Height, Round, valueId, _self));
    }

    private void SignAndSend(ConsensusVote unsigned)
    {
        if (!CanSign(unsigned.Round, unsigned.Step, unsigned.ValueId))
            return;
        var vote = _host.Sign(unsigned);
        OwnOf(vote.Round).Add(vote);
        _host.Broadcast(vote);
        AddVote(vote);
    }

    private List<IConsensusMessage> OwnOf(int round)
    {
        if (!_own.TryGetValue(round, out var list))
            _own[round] = list = [];
        return list;
    }

    private bool CanSign(ConsensusStep step, Hash32? valueId) => CanSign(Round, step, valueId);

    private bool CanSign(int round, ConsensusStep step, Hash32? valueId)
    {
        if (_self < 0 || IsAbstaining)
            return false;
        return _guard.TryAuthorize(Height, round, step, valueId, new LockState(_lockedRound, _lockedValue, _lockProof));
    }

    private void NotePeer(int validator, ulong height)
    {
        if (!_abstainUntilPeerSeen || validator == _self)
            return;
        // The first live message from a peer tells us the network is at `height`; anything this node
        // signed before its state was lost is at most one height beyond it (see docs/consensus.md).
        _abstainUntilPeerSeen = false;
        _abstainThrough = height + 1;
    }

    private void AddProposal(ConsensusProposal proposal)
    {
        if (proposal.Value.Height != Height)
            return;
        var existing = _proposals.GetValueOrDefault(proposal.Round);
        if (existing is not null && existing.Value.Id != proposal.Value.Id)
        {
            _host.ReportEquivocation(new EquivocationEvidence(proposal.Validator, Height, proposal.Round, ConsensusStep.Propose,
                existing.Value.Id, proposal.Value.Id, existing.Signature, proposal.Signature));
            return;
        }
        if (existing is not null && existing.PolRound != proposal.PolRound)
            return; // re-signed after a restart with another proof round: the first one stands
        // The proof-of-lock votes are outside the proposal's signature: a copy whose votes were stripped or forged,
        // delivered first, must not keep the genuine votes of a later copy from counting.
        foreach (var pol in proposal.PolVotes)
        {
            if (pol.Step == ConsensusStep.Prevote && pol.Height == Height && pol.Round == proposal.PolRound && pol.ValueId == proposal.Value.Id)
                AddVote(pol);
        }
        if (existing is not null)
        {
            _proposals[proposal.Round] = existing with { PolVotes = MergedPolVotes(existing, proposal) };
            return;
        }
        _proposals[proposal.Round] = proposal;
        _values.TryAdd(proposal.Value.Id, proposal.Value);
    }

    private void AddVote(ConsensusVote vote)
    {
        var set = vote.Step switch
        {
            ConsensusStep.Prevote => PrevotesOf(vote.Round),
            ConsensusStep.Precommit => PrecommitsOf(vote.Round),
            _ => null,
        };
        if (set is null)
            return;
        if (set.Add(vote, out var existing) == VoteSet.AddResult.Conflict)
            _host.ReportEquivocation(new EquivocationEvidence(vote.Validator, Height, vote.Round, vote.Step,
                existing!.ValueId, vote.ValueId, existing.Signature, vote.Signature));
    }

    private VoteSet PrevotesOf(int round) => GetOrAdd(_prevotes, round);

    private VoteSet PrecommitsOf(int round) => GetOrAdd(_precommits, round);

    private static VoteSet GetOrAdd(Dictionary<int, VoteSet> sets, int round)
    {
        if (!sets.TryGetValue(round, out var set))
            sets[round] = set = new VoteSet();
        return set;
    }

    /// <summary>
    /// The verdict on a stored value (every stored copy was authenticated, so its content is what its id names):
    /// Valid and Invalid are kept for the height, NotYet is asked again at the next evaluation.
    /// </summary>
    private bool IsValid(IConsensusValue value, int round)
    {
        if (_verdicts.TryGetValue(value.Id, out var known))
            return known == ValueVerdict.Valid;
        var verdict = _host.Validate(value, round, out _);
        if (verdict != ValueVerdict.NotYet)
            _verdicts[value.Id] = verdict;
        return verdict == ValueVerdict.Valid;
    }

    /// <summary>Applies every rule of Algorithm 1 whose condition holds, until none does.</summary>
    private void Evaluate()
    {
        var guard = 0;
        while (RunOneRule())
        {
            if (++guard > 10_000)
                throw new InvalidOperationException("consensus rules did not settle");
        }
    }

    private bool RunOneRule()
    {
        return TryDecide() || TrySkipRound() || TryStartWaitingHeight() || TryPrevoteOnProposal()
            || TryScheduleTimeouts() || TryLockOnPolka() || TryPrecommitNil();
    }

    // Lines 49-54: a proposal and q precommits for it in any round decide the height.
    private bool TryDecide()
    {
        foreach (var (round, set) in _precommits)
        {
            if (set.ValueWithQuorum(_p.Quorum) is not { } id || !_values.TryGetValue(id, out var value) || !IsValid(value, round))
                continue;
            Decide(new ConsensusDecision(Height, round, value, set.VotesFor(id)));
            return true;
        }
        return false;
    }

    private void Decide(ConsensusDecision decision)
    {
        _host.Commit(decision);
        LastDecision = decision;
        EnterHeight(Height + 1);
        foreach (var message in _nextHeight.Take(_ => true))
        {
            NotePeer(message.Validator, Height);
            Accept(message.Validator, message);
        }
    }

    // Lines 55-56, for messages of round r or higher: when f + 1 other validators have sent authenticated messages of
    // rounds >= r, at least one correct validator has reached r, so this node goes to r (the highest such r). Only the
    // highest round per validator counts: one key, whatever it sends, is one of the f + 1. A skip stops n rounds short
    // of MaxRound, so the timeouts still reach a round of every proposer, an honest one among them.
    private bool TrySkipRound()
    {
        var others = _highestRound.Where(h => h.Key != _self).Select(h => h.Value).OrderDescending().ToList();
        if (others.Count < _p.RoundSkipThreshold)
            return false;
        var target = Math.Min(others[_p.RoundSkipThreshold - 1], ConsensusParameters.MaxRound - _p.ValidatorCount);
        if (target <= Round)
            return false;
        StartRound(target);
        return true;
    }

    // Round 0 starts early when others are already working on this height.
    private bool TryStartWaitingHeight()
    {
        if (!_waiting)
            return false;
        if (ReadyToStartHeight() || _highestRound.Keys.Count(v => v != _self) >= _p.RoundSkipThreshold)
        {
            StartRound(0);
            return true;
        }
        return false;
    }

    // Lines 22-33: prevote the round's proposal if it is valid and compatible with our lock.
    private bool TryPrevoteOnProposal()
    {
        if (Step != ConsensusStep.Propose || !_proposals.TryGetValue(Round, out var proposal))
            return false;
        var value = proposal.Value;
        if (proposal.PolRound == -1)
        {
            var ok = IsValid(value, Round) && (_lockedRound == LockState.NoLock || _lockedValue?.Id == value.Id);
            Prevote(ok ? value.Id : null);
            return true;
        }
        if (proposal.PolRound < Round && PolkaSize(proposal) >= _p.Quorum)
        {
            var ok = IsValid(value, Round) && (_lockedRound <= proposal.PolRound || _lockedValue?.Id == value.Id);
            Prevote(ok ? value.Id : null);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Distinct validators with a prevote for the proposal's value in its proof-of-lock round: those in the vote set and
    /// those in the proposal's own authenticated <c>pol_votes</c>. The vote set keeps at most two values per validator,
    /// so a Byzantine validator that filled its slot there (nil for a later round, its twin) would otherwise keep its
    /// genuine vote inside a proof of lock from counting, and a node locked in an earlier round would refuse the
    /// re-proposal for good (docs/consensus.md#the-rules-one-method-each-in-tendermintengine, rule 4).
    /// </summary>
    private int PolkaSize(ConsensusProposal proposal) =>
        PrevotesOf(proposal.PolRound).VotesFor(proposal.Value.Id).Concat(proposal.PolVotes).Select(v => v.Validator).Distinct().Count();

    /// <summary>The stored copy's proof-of-lock votes plus a later copy's, one per validator (all authenticated, for the same value and round).</summary>
    private static List<ConsensusVote> MergedPolVotes(ConsensusProposal stored, ConsensusProposal copy) =>
        [.. stored.PolVotes.Concat(copy.PolVotes).DistinctBy(v => v.Validator)];

    // Lines 34-35 and 47-48: a quorum of any prevotes / precommits starts the step's timeout.
    private bool TryScheduleTimeouts()
    {
        var changed = false;
        if (Step == ConsensusStep.Prevote && PrevotesOf(Round).Count >= _p.Quorum && _prevoteTimeoutScheduled.Add(Round))
        {
            _host.Schedule(new ConsensusTimeout(TimeoutKind.Prevote, Height, Round, _host.NowMs + _p.TimeoutMs(Round)));
            changed = true;
        }
        if (PrecommitsOf(Round).Count >= _p.Quorum && _precommitTimeoutScheduled.Add(Round))
        {
            _host.Schedule(new ConsensusTimeout(TimeoutKind.Precommit, Height, Round, _host.NowMs + _p.TimeoutMs(Round)));
            changed = true;
        }
        return changed;
    }

    // Lines 36-43: the proposal plus a quorum of prevotes for it: lock and precommit (once per round).
    private bool TryLockOnPolka()
    {
        if (Step == ConsensusStep.Propose || _polkaHandled.Contains(Round) || !_proposals.TryGetValue(Round, out var proposal))
            return false;
        var value = proposal.Value;
        if (PrevotesOf(Round).CountFor(value.Id) < _p.Quorum || !IsValid(value, Round))
            return false;
        _polkaHandled.Add(Round);
        if (Step == ConsensusStep.Prevote)
        {
            _lockedValue = value;
            _lockedRound = Round;
            _lockProof = PrevotesOf(Round).VotesFor(value.Id);
            Precommit(value.Id);
        }
        _validValue = value;
        _validRound = Round;
        return true;
    }

    // Lines 44-46: a quorum of nil prevotes: precommit nil.
    private bool TryPrecommitNil()
    {
        if (Step != ConsensusStep.Prevote || PrevotesOf(Round).CountFor(null) < _p.Quorum)
            return false;
        Precommit(null);
        return true;
    }
}
