namespace EVoting.Chain;

/// <summary>Round-robin with round changes: height h in round r is proposed by validators[(h + r) mod n].</summary>
public static class ProposerSchedule
{
    public static Address ProposerFor(Genesis genesis, ulong height, int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        var n = (ulong)genesis.Validators.Count;
        return genesis.Validators[(int)((height % n + (ulong)round % n) % n)];
    }
}
