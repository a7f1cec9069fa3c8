namespace EVoting.Chain;

/// <summary>Bounds on an election's shape, so a transaction cannot ask validators for unbounded work.</summary>
public static class ElectionLimits
{
    public const int MaxCandidates = 64;
    public const int NullifierHexLength = 64;
    public const string NullifierPrefix = "anon-";
}
