namespace EVoting.Validator.Consensus;

/// <summary>
/// Authenticated messages the engine holds back, per validator and at most <see cref="MaxPerValidator"/> each (copies
/// of one message count once): messages for the next height, and a validator's messages of its highest round while
/// that round is beyond the rounds the engine keeps (docs/consensus.md#rounds). Whatever a Byzantine key sends, it
/// fills only its own share.
/// </summary>
internal sealed class HeldMessages
{
    /// <summary>A proposal, and a prevote and a precommit for up to two values (what an equivocator can send for one round), plus one.</summary>
    public const int MaxPerValidator = 6;

    private readonly Dictionary<int, List<IConsensusMessage>> _byValidator = new();

    public int Count => _byValidator.Values.Sum(list => list.Count);

    public void Add(int validator, IConsensusMessage message)
    {
        if (!_byValidator.TryGetValue(validator, out var list))
            _byValidator[validator] = list = [];
        if (list.Count < MaxPerValidator && !list.Any(held => SameSlotAndValue(held, message)))
            list.Add(message);
    }

    public void Drop(int validator) => _byValidator.Remove(validator);

    public void Clear() => _byValidator.Clear();

    /// <summary>Removes and returns the messages that <paramref name="match"/> selects.</summary>
    public List<IConsensusMessage> Take(Func<IConsensusMessage, bool> match)
    {
        var taken = new List<IConsensusMessage>();
        foreach (var list in _byValidator.Values)
        {
            taken.AddRange(list.Where(match));
            list.RemoveAll(m => match(m));
        }
        return taken;
    }

    // Re-sent copies of one message are one message; a second value for the slot is kept (it is evidence).
    private static bool SameSlotAndValue(IConsensusMessage a, IConsensusMessage b) => (a, b) switch
    {
        (ConsensusVote x, ConsensusVote y) => x.SameSlot(y) && x.ValueId == y.ValueId,
        (ConsensusProposal x, ConsensusProposal y) => x.Height == y.Height && x.Round == y.Round && x.Value.Id == y.Value.Id,
        _ => false,
    };
}
