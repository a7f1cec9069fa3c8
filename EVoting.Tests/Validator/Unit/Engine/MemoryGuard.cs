using EVoting.Chain;
using EVoting.Validator.Consensus;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>The signing rules (<see cref="SigningRules.Next"/>) over a state held in memory.</summary>
internal sealed class MemoryGuard : ISigningGuard
{
    public SigningState? State { get; private set; }

    public bool TryAuthorize(ulong height, int round, ConsensusStep step, Hash32? valueId, LockState lockState)
    {
        var next = SigningRules.Next(State, height, round, step, valueId, lockState);
        State = next ?? State;
        return next is not null;
    }
}
