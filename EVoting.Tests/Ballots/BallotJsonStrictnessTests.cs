using System.Text.Json.Nodes;
using EVoting.Ballots;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>Every encoding the spec rejects is rejected by the parser or verifier with its own reason.</summary>
public class BallotJsonStrictnessTests
{
    private static readonly Election Election = BallotFixtures.Election(candidates: 3);
    private static readonly string Valid = BallotJson.Serialize(BallotEncryptor.EncryptChoice(Election, 2));

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static string? Reason(string json) => BallotVerifier.VerifyJson(Election, json);

    [Fact]
    public void The_unmodified_ballot_is_valid() => Assert.Null(Reason(Valid));

    [Theory]
    [InlineData("not json", BallotErrors.MalformedJson)]
    [InlineData("[]", BallotErrors.MalformedJson)]
    [InlineData("{\"election_id\":7}", BallotErrors.MissingField)]
    public void Malformed_documents_are_rejected(string json, string reason) => Assert.Equal(reason, Reason(json));

    [Fact]
    public void Unknown_and_duplicate_fields_are_rejected()
    {
        Assert.Equal(BallotErrors.UnknownField, Reason(Mutate(o => o["extra"] = 1)));
        Assert.Equal(BallotErrors.UnknownField, Reason(Valid.Replace("{\"election_id\":7,", "{\"election_id\":7,\"election_id\":7,")));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("7.0")]
    [InlineData("\"7\"")]
    [InlineData("18446744073709551616")]
    public void Election_id_that_is_not_a_u64_integer_is_rejected(string raw) =>
        Assert.Equal(BallotErrors.BadElectionId, Reason(Valid.Replace("\"election_id\":7", $"\"election_id\":{raw}")));

    [Fact]
    public void Ballot_for_another_election_id_is_rejected() =>
        Assert.Equal(BallotErrors.WrongElection, Reason(Mutate(o => o["election_id"] = 8)));

    [Fact]
    public void Points_are_strictly_33_byte_lowercase_compressed()
    {
        var alpha = Valid.Split("\"alpha\":\"")[1][..66];
        var point = P256.DecodePoint(Convert.FromHexString(alpha));
        var uncompressed = Convert.ToHexStringLower(point.GetEncoded(false));
        Assert.Equal(BallotErrors.PointUncompressed, Reason(Valid.Replace(alpha, uncompressed)));
        Assert.Equal(BallotErrors.PointInfinity, Reason(Valid.Replace(alpha, "00")));
        Assert.Equal(BallotErrors.PointNotHex, Reason(Valid.Replace(alpha, alpha.ToUpperInvariant().Replace("0X", "0x"))));
        Assert.Equal(BallotErrors.PointNotHex, Reason(Valid.Replace(alpha, "0x" + alpha)));
        Assert.Equal(BallotErrors.PointWrongLength, Reason(Valid.Replace(alpha, alpha[..64])));
        Assert.Equal(BallotErrors.PointBadPrefix, Reason(Valid.Replace(alpha, "04" + alpha[2..])));
        // x = 1 is not the x-coordinate of a P-256 point (1 - 3 + b is a non-residue); x = p is not a field element.
        Assert.Equal(BallotErrors.PointNotOnCurve, Reason(Valid.Replace(alpha, "02" + new string('0', 63) + "1")));
        Assert.Equal(BallotErrors.PointNotOnCurve, Reason(Valid.Replace(alpha, "02ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")));
    }

    [Fact]
    public void Scalars_are_strictly_32_bytes_below_n()
    {
        var c0 = Valid.Split("\"c\":[\"")[1][..64];
        var n = Convert.ToHexStringLower(P256.N.ToByteArrayUnsigned());
        Assert.Equal(BallotErrors.ScalarOutOfRange, Reason(Valid.Replace(c0, n)));
        Assert.Equal(BallotErrors.ScalarOutOfRange, Reason(Valid.Replace(c0, new string('f', 64))));
        Assert.Equal(BallotErrors.ScalarWrongLength, Reason(Valid.Replace(c0, c0[2..])));
        Assert.Equal(BallotErrors.ScalarNotHex, Reason(Valid.Replace(c0, c0[..62] + "zz")));
    }

    [Fact]
    public void Counts_must_match_the_election()
    {
        Assert.Equal(BallotErrors.WrongCandidateCount, Reason(Mutate(o => o["ciphertexts"]!.AsArray().RemoveAt(0))));
        Assert.Equal(BallotErrors.WrongCandidateCount, Reason(Mutate(o => o["proofs"]!.AsArray().RemoveAt(2))));
        Assert.Equal(BallotErrors.WrongProofLength, Reason(Mutate(o => o["sum_proof"]!["c"]!.AsArray().RemoveAt(0))));
        var twoSelections = new Election(7, BallotFixtures.Key.PublicKey, 3, 2);
        Assert.Equal(BallotErrors.WrongProofLength, BallotVerifier.VerifyJson(twoSelections, Valid));
    }

    [Fact]
    public void Proof_moved_to_another_candidate_index_is_rejected()
    {
        var json = Mutate(o =>
        {
            var cts = o["ciphertexts"]!.AsArray();
            var proofs = o["proofs"]!.AsArray();
            var (ct0, ct1, p0, p1) = (cts[0]!.DeepClone(), cts[1]!.DeepClone(), proofs[0]!.DeepClone(), proofs[1]!.DeepClone());
            cts[0] = ct1;
            cts[1] = ct0;
            proofs[0] = p1;
            proofs[1] = p0;
        });
        Assert.Equal(BallotErrors.RangeProofInvalid, Reason(json));
    }
}

public class BallotJsonBodyTests
{
    [Fact]
    public void Ballot_without_election_id_parses_for_a_given_election()
    {
        var election = BallotFixtures.Election(candidates: 2);
        var json = BallotJson.Serialize(BallotEncryptor.EncryptChoice(election, 1));
        var withoutId = json.Replace("\"election_id\":7,", "");
        Assert.Null(BallotVerifier.Verify(election, BallotJson.Parse(withoutId, 7)));
        Assert.Equal(BallotErrors.WrongElection, BallotVerifier.Verify(election, BallotJson.Parse(json.Replace("\"election_id\":7", "\"election_id\":8"), 7)));
        Assert.Throws<BallotFormatException>(() => BallotJson.Parse(withoutId));
    }
}
