using System.Text.Json;
using System.Text.Json.Nodes;

namespace EVoting.Ballots;

/// <summary>A published result as `evoting tally verify` reads it: the election's public record and the API's results.</summary>
public sealed record PublishedTally(Election Election, byte[]? ClaimedElectionHash, long TotalBallots, IReadOnlyList<CandidateDecryption> Candidates);

/// <summary>
/// The JSON of a published tally. <see cref="ResultsFragment"/> writes the cryptographic part of
/// `GET /api/elections/{id}/results` (docs/api.md#endpoints-the-contract); <see cref="ParseVerificationFile"/> reads the file
/// format of docs/ballot-crypto.md#published-tally-evoting-tally-verify: {"election_id", "public_key", "election_hash"?, "results": {…}}.
/// Points in aggregates and D use the tally encoding (infinity = "00").
/// </summary>
public static class TallyJson
{
    /// <summary>{"total_ballots", "candidates":[{"count"}], "aggregate":[{"alpha","beta"}], "decryption":[{"D","c","v"}]}.</summary>
    public static JsonObject ResultsFragment(long totalBallots, IReadOnlyList<CandidateDecryption> decryptions) => new()
    {
        ["total_ballots"] = totalBallots,
        ["candidates"] = new JsonArray(decryptions.Select(d => (JsonNode)new JsonObject { ["count"] = d.Count }).ToArray()),
        ["aggregate"] = new JsonArray(decryptions.Select(d => (JsonNode)new JsonObject
        {
            ["alpha"] = LowerHex.Encode(P256.EncodeTally(d.A)),
            ["beta"] = LowerHex.Encode(P256.EncodeTally(d.B)),
        }).ToArray()),
        ["decryption"] = new JsonArray(decryptions.Select(d => (JsonNode)new JsonObject
        {
            ["D"] = LowerHex.Encode(P256.EncodeTally(d.D)),
            ["c"] = LowerHex.Encode(P256.EncodeScalar(d.C)),
            ["v"] = LowerHex.Encode(P256.EncodeScalar(d.V)),
        }).ToArray()),
    };

    public static JsonObject VerificationFile(Election election, long totalBallots, IReadOnlyList<CandidateDecryption> decryptions) => new()
    {
        ["election_id"] = election.Id,
        ["public_key"] = election.PublicKeyHex,
        ["election_hash"] = election.HashHex,
        ["results"] = ResultsFragment(totalBallots, decryptions),
    };

    /// <summary>Parses the verification file; throws <see cref="BallotFormatException"/>. Extra fields of the API's results (status, names, ids) are ignored.</summary>
    public static PublishedTally ParseVerificationFile(string json)
    {
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new BallotFormatException(BallotErrors.MalformedJson);
            var electionId = root["election_id"]?.GetValue<ulong>() ?? throw new BallotFormatException(BallotErrors.MissingField, "election_id");
            var publicKey = LowerHex.Decode(root["public_key"]?.GetValue<string>(), BallotErrors.PointNotHex, "public_key");
            byte[]? claimedHash = root["election_hash"] is { } h ? LowerHex.Decode(h.GetValue<string>(), BallotErrors.MalformedJson, "election_hash") : null;
            var results = root["results"]?.AsObject() ?? throw new BallotFormatException(BallotErrors.MissingField, "results");
            return ParseResults(electionId, publicKey, claimedHash, results);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException and not BallotFormatException)
        {
            throw new BallotFormatException(BallotErrors.MalformedJson, e.Message);
        }
    }

    /// <summary>Reads the results JSON of the API for an election whose public record is known.</summary>
    public static PublishedTally ParseResults(ulong electionId, byte[] publicKey, byte[]? claimedHash, JsonObject results)
    {
        var total = results["total_ballots"]?.GetValue<long>() ?? throw new BallotFormatException(BallotErrors.MissingField, "total_ballots");
        var candidates = results["candidates"]?.AsArray() ?? throw new BallotFormatException(BallotErrors.MissingField, "candidates");
        var aggregate = results["aggregate"]?.AsArray() ?? throw new BallotFormatException(BallotErrors.MissingField, "aggregate");
        var decryption = results["decryption"]?.AsArray() ?? throw new BallotFormatException(BallotErrors.MissingField, "decryption");
        if (candidates.Count == 0 || aggregate.Count != candidates.Count || decryption.Count != candidates.Count)
            throw new BallotFormatException(BallotErrors.WrongCandidateCount);
        var election = new Election(electionId, publicKey, candidates.Count, 1);
        var list = new CandidateDecryption[candidates.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var where = $"candidate {i + 1}";
            list[i] = new CandidateDecryption(
                TallyPoint(aggregate[i]?["alpha"], where),
                TallyPoint(aggregate[i]?["beta"], where),
                TallyPoint(decryption[i]?["D"], where),
                Scalar(decryption[i]?["c"], where),
                Scalar(decryption[i]?["v"], where),
                candidates[i]?["count"]?.GetValue<long>() ?? throw new BallotFormatException(BallotErrors.MissingField, $"{where} count"));
        }
        return new PublishedTally(election, claimedHash, total, list);
    }

    private static Org.BouncyCastle.Math.EC.ECPoint TallyPoint(JsonNode? node, string where) =>
        P256.DecodeTallyPoint(LowerHex.Decode(node?.GetValue<string>(), BallotErrors.PointNotHex, where), where);

    private static Org.BouncyCastle.Math.BigInteger Scalar(JsonNode? node, string where) =>
        P256.DecodeScalar(LowerHex.Decode(node?.GetValue<string>(), BallotErrors.ScalarNotHex, where), where);
}

/// <summary>Checks a published tally: H_E matches the key, every decryption proof and every count.</summary>
public static class TallyVerifier
{
    /// <summary>Null when the whole result checks out, else "candidate i: reason" (or the election-level reason).</summary>
    public static string? Verify(PublishedTally tally)
    {
        if (tally.ClaimedElectionHash is { } claimed && !claimed.AsSpan().SequenceEqual(tally.Election.Hash))
            return "election_hash does not match election_id, candidates and public_key";
        for (var i = 0; i < tally.Candidates.Count; i++)
        {
            var candidate = tally.Candidates[i];
            if (candidate.Count < 0 || candidate.Count > tally.TotalBallots)
                return $"candidate {i + 1}: {BallotErrors.CountMismatch}";
            if (DecryptionVerifier.Verify(tally.Election, candidate) is { } reason)
                return $"candidate {i + 1}: {reason}";
        }
        return null;
    }
}
