using System.Text.Json.Nodes;
using EVoting.Ballots;
using Org.BouncyCastle.Math;

namespace EVoting.Tests.Ballots;

/// <summary>Published tallies (the API's results shape) made deterministically, valid and tampered, for both verifiers.</summary>
internal static class TallyVectorMaker
{
    public static JsonObject File()
    {
        var key = VectorMaker.Key("tally");
        var election = new Election(11, key.PublicKey, 3, 1);
        int[] choices = [1, 2, 2, 3, 0, 2, 1];
        var ballots = choices.Select((choice, b) => BallotEncryptor.EncryptDeterministic(
            election,
            Enumerable.Range(1, 3).Select(i => i == choice ? 1 : 0).ToArray(),
            VectorMaker.Randomness($"tally ballot {b}", 3, 1))).ToArray();
        var cases = new JsonArray
        {
            Case("seven ballots", election, key, ballots, null, null),
            Case("no ballots (aggregates at infinity, encoded 00)", election, key, [], null, null),
        };
        var results = Decrypt(election, key, ballots, "tampered");
        cases.Add(Case("count off by one", election, key, ballots, r => r["candidates"]![1]!["count"] = r["candidates"]![1]!["count"]!.GetValue<long>() + 1, BallotErrors.CountMismatch));
        cases.Add(Case("counts swapped", election, key, ballots, r =>
        {
            var a = r["candidates"]![0]!["count"]!.GetValue<long>();
            r["candidates"]![0]!["count"] = r["candidates"]![1]!["count"]!.GetValue<long>();
            r["candidates"]![1]!["count"] = a;
        }, BallotErrors.CountMismatch));
        cases.Add(Case("D replaced by D + K", election, key, ballots,
            r => r["decryption"]![0]!["D"] = LowerHex.Encode(P256.Encode(results[0].D.Add(election.Key).Normalize())), BallotErrors.DecryptionProofInvalid));
        cases.Add(Case("response v + 1", election, key, ballots,
            r => r["decryption"]![2]!["v"] = VectorMaker.Hex(results[2].V.Add(BigInteger.One).Mod(P256.N)), BallotErrors.DecryptionProofInvalid));
        cases.Add(Case("aggregate beta + K with matching count", election, key, ballots, r =>
        {
            r["aggregate"]![0]!["beta"] = LowerHex.Encode(P256.Encode(results[0].B.Add(election.Key).Normalize()));
            r["candidates"]![0]!["count"] = results[0].Count + 1;
        }, BallotErrors.DecryptionProofInvalid));
        return new JsonObject
        {
            ["description"] = "Published results (docs/api.md shape, crypto fields). `reason` null: valid; otherwise the first candidate's failure reason.",
            ["cases"] = cases,
        };
    }

    private static IReadOnlyList<CandidateDecryption> Decrypt(Election election, ElectionKeyPair key, Ballot[] ballots, string label)
    {
        var nonce = 0;
        return TallyDecryptor.Decrypt(key, election, TallyAggregator.Aggregate(election, ballots), () => VectorMaker.Scalar($"{label} nonce {nonce++}"));
    }

    private static JsonObject Case(string name, Election election, ElectionKeyPair key, Ballot[] ballots, Action<JsonObject>? defect, string? reason)
    {
        var results = TallyJson.ResultsFragment(ballots.Length, Decrypt(election, key, ballots, "tampered"));
        defect?.Invoke(results);
        return new JsonObject
        {
            ["name"] = name,
            ["election"] = VectorMaker.ElectionJson(election),
            ["secret_key"] = key.SecretHex,
            ["results"] = results,
            ["reason"] = reason,
        };
    }
}
