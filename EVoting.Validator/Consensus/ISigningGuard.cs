using EVoting.Chain;

namespace EVoting.Validator.Consensus;

/// <summary>One message a validator signed at the current height.</summary>
public sealed record SignedSlot(int Round, ConsensusStep Step, Hash32? ValueId);

/// <summary>
/// The lock after a signature: the locked value, its round, and the quorum of prevotes that
/// justified it (kept so the value can be re-proposed with its proof after a restart).
/// </summary>
public sealed record LockState(int Round, IConsensusValue? Value, IReadOnlyList<ConsensusVote> Proof)
{
    public const int NoLock = -1;

    public static LockState None { get; } = new(NoLock, null, []);
}

/// <summary>
/// What a validator has signed at its latest height (the slots of the last two rounds, in
/// order, the latest last) and its lock there. Persisted durably (fsync) by the guard before the
/// engine lets a signature leave the process.
/// </summary>
public sealed record SigningState(ulong Height, IReadOnlyList<SignedSlot> Slots, LockState Lock)
{
    public SignedSlot Last => Slots[^1];
}

/// <summary>
/// The last line of defence against equivocation (docs/consensus.md#properties, property 5): the engine asks before every
/// signature. The guard refuses a second, different signature for the same (height, round, step)
/// and any slot earlier than the last one signed, and persists the new state before saying yes.
/// </summary>
public interface ISigningGuard
{
    /// <summary>The persisted state, or null when nothing was ever signed (a fresh or wiped node).</summary>
    SigningState? State { get; }

    /// <summary>
    /// True when signing (height, round, step, valueId) is allowed; the new state (with the lock
    /// after this step) is durably stored before returning true.
    /// </summary>
    bool TryAuthorize(ulong height, int round, ConsensusStep step, Hash32? valueId, LockState lockState);
}

/// <summary>The rules shared by every guard implementation (pure, so the simulation and the node agree).</summary>
public static class SigningRules
{
    /// <summary>
    /// The state after signing, or null when signing would equivocate or go backwards. Re-signing a
    /// slot already signed with the same value is allowed and changes nothing but the lock.
    /// </summary>
    public static SigningState? Next(SigningState? last, ulong height, int round, ConsensusStep step, Hash32? valueId, LockState lockState)
    {
        var slot = new SignedSlot(round, step, valueId);
        if (last is null || height > last.Height)
            return new SigningState(height, [slot], lockState);
        if (height < last.Height)
            return null;
        var earlier = last.Slots.FirstOrDefault(s => s.Round == round && s.Step == step);
        if (earlier is not null)
            return earlier.ValueId == valueId ? last with { Lock = lockState } : null;
        if (Compare(round, step, last.Last.Round, last.Last.Step) < 0)
            return null; // an unsigned slot before the last one: we may have forgotten what happened there
        var slots = last.Slots.Where(s => s.Round >= round - 1).Append(slot).ToList();
        return new SigningState(height, slots, lockState);
    }

    private static int Compare(int r1, ConsensusStep s1, int r2, ConsensusStep s2) =>
        r1 != r2 ? r1.CompareTo(r2) : ((int)s1).CompareTo((int)s2);
}
