using EVoting.Chain;

namespace EVoting.Validator.Consensus;

/// <summary>
/// The prevotes or precommits of one (height, round). Each validator's vote counts for the value it
/// names. A validator that signs two different values (equivocation) is reported and counted for
/// both, as the safety argument assumes a faulty validator may; a third one is ignored, so a
/// faulty validator cannot grow the set without bound.
/// </summary>
public sealed class VoteSet
{
    private const int MaxValuesPerValidator = 2;

    private readonly Dictionary<int, List<ConsensusVote>> _byValidator = new();
    private readonly Dictionary<Hash32, List<ConsensusVote>> _byValue = new();
    private readonly List<ConsensusVote> _nil = [];

    /// <summary>Distinct validators with a vote in this set.</summary>
    public int Count => _byValidator.Count;

    /// <summary>Votes held: at most two per validator.</summary>
    public int VoteCount => _nil.Count + _byValue.Values.Sum(list => list.Count);

    public enum AddResult
    {
        Added,
        Duplicate,
        Conflict,
    }

    public AddResult Add(ConsensusVote vote, out ConsensusVote? existing)
    {
        existing = null;
        if (_byValidator.TryGetValue(vote.Validator, out var votes))
        {
            existing = votes[0];
            if (votes.Any(v => v.ValueId == vote.ValueId))
                return AddResult.Duplicate;
            if (votes.Count >= MaxValuesPerValidator)
                return AddResult.Conflict;
            votes.Add(vote);
            ListFor(vote.ValueId).Add(vote);
            return AddResult.Conflict;
        }
        _byValidator[vote.Validator] = [vote];
        ListFor(vote.ValueId).Add(vote);
        return AddResult.Added;
    }

    public int CountFor(Hash32? valueId) =>
        valueId is null ? _nil.Count : _byValue.TryGetValue(valueId.Value, out var list) ? list.Count : 0;

    /// <summary>A non-nil value with at least <paramref name="quorum"/> votes, if any.</summary>
    public Hash32? ValueWithQuorum(int quorum)
    {
        foreach (var (id, list) in _byValue)
            if (list.Count >= quorum)
                return id;
        return null;
    }

    public IReadOnlyList<ConsensusVote> VotesFor(Hash32? valueId) =>
        (valueId is null ? _nil : _byValue.GetValueOrDefault(valueId.Value) ?? []).OrderBy(v => v.Validator).ToList();

    private List<ConsensusVote> ListFor(Hash32? valueId)
    {
        if (valueId is null)
            return _nil;
        if (!_byValue.TryGetValue(valueId.Value, out var list))
            _byValue[valueId.Value] = list = [];
        return list;
    }
}
