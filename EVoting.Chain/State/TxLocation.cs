namespace EVoting.Chain;

public readonly record struct TxLocation(ulong BlockNumber, int Index);
