using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using Xunit;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// The trustee JSON forms (docs/trustees.md "JSON forms"): each round-trips, and malformed input is refused with its
/// reason. Defects both implementations must agree on are in testdata/trustees/negative.json; these are the rest
/// (duplicate keys, which JavaScript's JSON.parse cannot see, and wrong JSON types).
/// </summary>
public sealed class TrusteeJsonTests
{
    private static readonly CeremonyVector Vector = new("json tests", 5);

    private static string Reason(Action parse) => Assert.Throws<BallotFormatException>(parse).Reason;

    [Fact]
    public void Every_form_round_trips()
    {
        var ceremony = CeremonyJson.Serialize(Vector.Record);
        Assert.Equal(ceremony, CeremonyJson.Serialize(CeremonyJson.Parse(ceremony)));
        Assert.Null(TrusteeVerifier.VerifyCeremony(ceremony));
        var share = EncryptedShareJson.Serialize(Vector.Shares[0].Encrypted);
        Assert.Equal(share, EncryptedShareJson.Serialize(EncryptedShareJson.Parse(share)));
        var partial = ThresholdJson.Serialize(Vector.Partials[0][0]);
        Assert.Equal(partial, ThresholdJson.Serialize(ThresholdJson.ParsePartialDecryption(partial)));
        var result = ThresholdJson.Serialize(Vector.Combinations[1].Results[2]);
        Assert.Equal(result, ThresholdJson.Serialize(ThresholdJson.ParseResult(result)));
        var challenged = ChallengedBallotJson.Serialize(5, Vector.Challenged);
        Assert.Equal(challenged, ChallengedBallotJson.Serialize(5, ChallengedBallotJson.Parse(challenged).Challenged));
        Assert.StartsWith("{\"election_id\":5,\"guardians\":3,\"quorum\":2,\"commitments\":[[{\"commitment\":\"0", ceremony);
        Assert.StartsWith("{\"from\":1,\"to\":2,\"r\":\"0", share);
        Assert.Matches("\"ciphertext\":\"[0-9a-f]{96}\"}$", share);
    }

    [Fact]
    public void Duplicate_fields_are_refused_in_every_form()
    {
        var partial = ThresholdJson.Serialize(Vector.Partials[0][0]);
        Assert.Equal(TrusteeErrors.UnknownField, Reason(() => ThresholdJson.ParsePartialDecryption(partial.Replace("{\"guardian\":1,", "{\"guardian\":1,\"guardian\":1,"))));
        var share = EncryptedShareJson.Serialize(Vector.Shares[0].Encrypted);
        Assert.Equal(TrusteeErrors.UnknownField, Reason(() => EncryptedShareJson.Parse(share.Replace("{\"from\":1,", "{\"from\":1,\"from\":2,"))));
        var ceremony = CeremonyJson.Serialize(Vector.Record);
        Assert.Equal(TrusteeErrors.UnknownField, Reason(() => CeremonyJson.Parse(ceremony.Replace("\"quorum\":2,", "\"quorum\":2,\"quorum\":2,"))));
        var challenged = ChallengedBallotJson.Serialize(5, Vector.Challenged);
        Assert.Equal(TrusteeErrors.UnknownField, Reason(() => ChallengedBallotJson.Parse(challenged.Replace("{\"election_id\":5,", "{\"election_id\":5,\"election_id\":5,"))));
        // Inside the embedded ballot the ballot parser's rules and reasons apply.
        Assert.Equal(BallotErrors.UnknownField, Reason(() => ChallengedBallotJson.Parse(challenged.Replace("\"ballot\":{\"election_id\":5,", "\"ballot\":{\"election_id\":5,\"election_id\":5,"))));
    }

    [Theory]
    [InlineData("", TrusteeErrors.MalformedJson)]
    [InlineData("[]", TrusteeErrors.MalformedJson)]
    [InlineData("{\"from\":1,\"to\":2,\"r\":\"02\"}", TrusteeErrors.MissingField)]
    [InlineData("{\"from\":\"1\",\"to\":2,\"r\":\"02\",\"ciphertext\":\"\"}", TrusteeErrors.BadGuardianIndex)]
    [InlineData("{\"from\":1.5,\"to\":2,\"r\":\"02\",\"ciphertext\":\"\"}", TrusteeErrors.BadGuardianIndex)]
    [InlineData("{\"from\":256,\"to\":2,\"r\":\"02\",\"ciphertext\":\"\"}", TrusteeErrors.BadGuardianIndex)]
    [InlineData("{\"from\":1,\"to\":2,\"r\":\"00\",\"ciphertext\":\"\"}", BallotErrors.PointInfinity)]
    public void Malformed_encrypted_shares_are_refused(string json, string reason) =>
        Assert.Equal(reason, Reason(() => EncryptedShareJson.Parse(json)));

    [Fact]
    public void Share_ciphertexts_must_be_48_bytes_of_lowercase_hex()
    {
        var share = EncryptedShareJson.Serialize(Vector.Shares[0].Encrypted);
        var hex = LowerHex.Encode(Vector.Shares[0].Encrypted.Ciphertext);
        Assert.Equal(TrusteeErrors.BadShareCiphertext, Reason(() => EncryptedShareJson.Parse(share.Replace(hex, hex.ToUpperInvariant()))));
        Assert.Equal(TrusteeErrors.BadShareCiphertext, Reason(() => EncryptedShareJson.Parse(share.Replace(hex, hex + "00"))));
        Assert.Equal(TrusteeErrors.BadShareCiphertext, Reason(() => EncryptedShareJson.Parse(share.Replace($"\"{hex}\"", "48"))));
    }

    [Theory]
    [InlineData("{\"a\":\"00\",\"b\":\"00\",\"shares\":[],\"set\":[],\"count\":\"0\"}", TrusteeErrors.BadCount)]
    [InlineData("{\"a\":\"00\",\"b\":\"00\",\"shares\":[],\"set\":[],\"count\":0.5}", TrusteeErrors.BadCount)]
    [InlineData("{\"a\":\"00\",\"b\":\"00\",\"shares\":{},\"set\":[],\"count\":0}", TrusteeErrors.MalformedJson)]
    [InlineData("{\"a\":\"00\",\"b\":\"00\",\"shares\":[],\"set\":[\"1\"],\"count\":0}", TrusteeErrors.BadGuardianIndex)]
    [InlineData("{\"a\":\"0x00\",\"b\":\"00\",\"shares\":[],\"set\":[],\"count\":0}", BallotErrors.PointNotHex)]
    [InlineData("{\"a\":\"00\",\"b\":\"00\",\"shares\":[{\"guardian\":1,\"m\":\"00\",\"c\":\"00\",\"v\":\"00\"}],\"set\":[],\"count\":0}", BallotErrors.ScalarWrongLength)]
    public void Malformed_threshold_results_are_refused(string json, string reason) =>
        Assert.Equal(reason, Reason(() => ThresholdJson.ParseResult(json)));

    [Fact]
    public void Malformed_ceremony_records_are_refused()
    {
        var ceremony = CeremonyJson.Serialize(Vector.Record);
        Assert.Equal(TrusteeErrors.BadParameters, Reason(() => CeremonyJson.Parse(ceremony.Replace("\"guardians\":3", "\"guardians\":\"3\""))));
        Assert.Equal(TrusteeErrors.BadParameters, Reason(() => CeremonyJson.Parse(ceremony.Replace("\"quorum\":2", "\"quorum\":0"))));
        Assert.Equal(TrusteeErrors.MalformedJson, Reason(() => CeremonyJson.Parse(ceremony.Replace("\"commitments\":[[", "\"commitments\":[7,["))));
        Assert.Equal(BallotErrors.BadElectionId, Reason(() => CeremonyJson.Parse(ceremony.Replace("\"election_id\":5", "\"election_id\":-5"))));
    }

    [Fact]
    public void A_challenged_ballot_with_a_non_integer_selection_is_malformed()
    {
        var challenged = ChallengedBallotJson.Serialize(5, Vector.Challenged);
        Assert.Equal(TrusteeErrors.MalformedJson, Reason(() => ChallengedBallotJson.Parse(challenged.Replace("\"selections\":[0,", "\"selections\":[\"0\","))));
        Assert.Equal(TrusteeErrors.MalformedJson, Reason(() => ChallengedBallotJson.Parse(challenged.Replace("\"ballot\":{", "\"ballot\":[{").Replace("},\"selections\"", "}],\"selections\""))));
    }

    [Fact]
    public void An_election_without_ballots_decrypts_to_zero_with_shares_at_infinity()
    {
        var election = Vector.Election;
        var empty = TallyAggregator.Aggregate(election, []);
        var shares = Enumerable.Range(0, election.Candidates)
            .Select(c => (IReadOnlyList<PartialDecryption>)new[] { 2, 3 }
                .Select(l => PartialDecryption.Create(election, l, Vector.SecretShares[l - 1], Vector.Result.VerificationKey(l), empty.A[c], empty.B[c]))
                .ToArray())
            .ToArray();
        var results = ThresholdTally.Combine(election, Vector.Result, empty, shares);
        var json = ThresholdJson.Serialize(results);
        Assert.Contains("{\"a\":\"00\",\"b\":\"00\",\"shares\":[{\"guardian\":2,\"m\":\"00\",", json);
        Assert.Null(TrusteeVerifier.VerifyThresholdResults(election, CeremonyJson.Serialize(Vector.Record), json));
        Assert.All(results, r => Assert.Equal(0, r.Count));
    }

    [Fact]
    public void A_ceremony_for_another_election_or_key_is_refused_for_a_tally()
    {
        var results = ThresholdJson.Serialize(Vector.Combinations[0].Results);
        var ceremony = CeremonyJson.Serialize(Vector.Record);
        var otherId = new Election(6, Vector.Election.PublicKey, Vector.Election.Candidates);
        Assert.Equal(BallotErrors.WrongElection, TrusteeVerifier.VerifyThresholdResults(otherId, ceremony, results));
        var otherKey = new Election(5, P256.Encode(P256.MultiplyG(BigInteger.Two).Normalize()), Vector.Election.Candidates);
        Assert.Equal(TrusteeErrors.ElectionKeyMismatch, TrusteeVerifier.VerifyThresholdResults(otherKey, ceremony, results));
    }

    [Fact]
    public void A_share_addressed_to_its_sender_is_refused()
    {
        var share = Vector.Shares[0].Encrypted with { To = 1 };
        Assert.Equal(TrusteeErrors.BadGuardianIndex, TrusteeVerifier.OpenShare(Vector.Record, share, Vector.Coefficients[0][0]).Reason);
    }
}
