using EVoting.Chain;

namespace EVoting.Validator.Consensus;

/// <summary>
/// The engine's rounds (docs/consensus.md#rounds): round numbers within <see cref="ConsensusParameters.MaxRound"/>, and
/// per height only the messages of the kept rounds, plus each validator's highest far round held aside.
/// </summary>
public sealed partial class TendermintEngine
{
    private static bool IsRoundInBounds(int round) => round >= 0 && round <= ConsensusParameters.MaxRound;

    /// <summary>
    /// Keeps an authenticated message of this height within the memory bounds (docs/consensus.md#rounds): stored when
    /// its round is kept, held when it is its validator's highest round beyond them, otherwise dropped. Either way it
    /// counts towards its validator's highest round.
    /// </summary>
    private void Accept(int validator, IConsensusMessage message)
    {
        var round = message.Round;
        var highest = _highestRound.GetValueOrDefault(validator, -1);
        if (round > highest)
        {
            _highestRound[validator] = highest = round;
            _ahead.Drop(validator); // its older far rounds are no longer its highest
        }
        if (IsKept(round))
            Store(message);
        else if (round > Round + ConsensusParameters.RoundsKeptAhead && round == highest)
            _ahead.Add(validator, message);
    }

    private void Store(IConsensusMessage message)
    {
        if (message is ConsensusProposal proposal)
            AddProposal(proposal);
        else
            AddVote((ConsensusVote)message);
    }

    /// <summary>The current round, a few on either side, and the rounds of the lock and the valid value.</summary>
    private bool IsKept(int round) =>
        (round >= Round - ConsensusParameters.RoundsKeptBehind && round <= Round + ConsensusParameters.RoundsKeptAhead)
        || round == _lockedRound || round == _validRound;

    /// <summary>Messages and vote sets stored for this height (proposals, votes in every vote set, held messages): bounded whatever peers send.</summary>
    internal int StoredMessageCount =>
        _proposals.Count + _prevotes.Values.Sum(s => s.VoteCount) + _precommits.Values.Sum(s => s.VoteCount) + _ahead.Count + _nextHeight.Count;

    /// <summary>
    /// After the round moved: drops what is stored for rounds no longer kept (keeping the proof-of-lock prevotes of
    /// kept proposals) and stores the held messages whose round is now kept.
    /// </summary>
    private void ForgetRoundsNoLongerKept()
    {
        var polRounds = _proposals.Where(p => IsKept(p.Key)).Select(p => p.Value.PolRound).ToHashSet();
        bool Drop(int round) => !IsKept(round) && !polRounds.Contains(round);
        foreach (var round in _proposals.Keys.Where(Drop).ToList())
            _proposals.Remove(round);
        foreach (var sets in new[] { _prevotes, _precommits })
            foreach (var round in sets.Keys.Where(Drop).ToList())
                sets.Remove(round);
        foreach (var round in _own.Keys.Where(r => r < Round - 1).ToList())
            _own.Remove(round);
        _prevoteTimeoutScheduled.RemoveWhere(r => r < Round);
        _precommitTimeoutScheduled.RemoveWhere(r => r < Round);
        _polkaHandled.RemoveWhere(r => r < Round);
        var ids = _proposals.Values.Select(p => p.Value.Id).Concat(new[] { _lockedValue?.Id, _validValue?.Id }.OfType<Hash32>()).ToHashSet();
        foreach (var id in _values.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _values.Remove(id);
            _verdicts.Remove(id);
        }
        // Held messages now within the kept rounds are stored; those the round passed are dropped.
        foreach (var message in _ahead.Take(m => m.Round <= Round + ConsensusParameters.RoundsKeptAhead))
        {
            if (IsKept(message.Round))
                Store(message);
        }
    }
}
