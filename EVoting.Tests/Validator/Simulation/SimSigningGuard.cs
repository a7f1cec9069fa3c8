using EVoting.Validator.Consensus;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The simulation's guard: <see cref="Disk"/> survives crashes (like the node's fsynced table) and
/// is erased by a wipe. A Byzantine node's guard allows everything.
/// </summary>
internal sealed class SimSigningGuard(bool permissive) : ISigningGuard
{
    public SigningState? Disk { get; set; }

    public SigningState? State => Disk;

    public bool TryAuthorize(ulong height, int round, ConsensusStep step, string? valueId, LockState lockState)
    {
        var next = SigningRules.Next(Disk, height, round, step, valueId, lockState);
        if (next is null && !permissive)
            return false;
        Disk = next ?? Disk;
        return true;
    }
}
