using System.Text.Json;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;

namespace EVoting.Tests.Api;

/// <summary>Challenged ballots as the browser posts them: a real encryption with fresh randomness, and its nonces.</summary>
internal static class ChallengedBallots
{
    public static ChallengedBallot Make(Election election, params int[] choices)
    {
        var selections = Enumerable.Range(1, election.Candidates).Select(i => choices.Contains(i) ? 1 : 0).ToArray();
        var randomness = BallotRandomness.Random(election.Candidates, election.MaxSelections);
        return new ChallengedBallot(BallotEncryptor.EncryptDeterministic(election, selections, randomness), selections, randomness.Xi);
    }

    /// <summary>The same ballot revealing ξ_<paramref name="index"/> + 1: the ciphertext no longer opens to the selection.</summary>
    public static ChallengedBallot WithWrongNonce(ChallengedBallot challenged, int index = 0) =>
        challenged with { Nonces = challenged.Nonces.Select((xi, i) => i == index ? xi.Add(BigInteger.One) : xi).ToArray() };

    public static string Json(Election election, ChallengedBallot challenged) => ChallengedBallotJson.Serialize(election.Id, challenged);

    public static JsonElement Element(Election election, ChallengedBallot challenged) =>
        JsonSerializer.Deserialize<JsonElement>(Json(election, challenged));
}
