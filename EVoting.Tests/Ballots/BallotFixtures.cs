using EVoting.Ballots;

namespace EVoting.Tests.Ballots;

/// <summary>Shared elections and ballots for the ballot tests; keys are generated once per test run.</summary>
internal static class BallotFixtures
{
    public static readonly ElectionKeyPair Key = ElectionKeyPair.Generate();

    public static Election Election(ulong id = 7, int candidates = 5, int maxSelections = 1) =>
        new(id, Key.PublicKey, candidates, maxSelections);

    public static int[] OneHot(int candidates, params int[] chosen) =>
        Enumerable.Range(1, candidates).Select(i => chosen.Contains(i) ? 1 : 0).ToArray();
}
