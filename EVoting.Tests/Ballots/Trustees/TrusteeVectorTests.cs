using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using Xunit;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// The cross-implementation trustee vectors in testdata/trustees (frontend/lib/crypto/trustee-vectors.test.ts runs the
/// same files). Each side makes its ceremony file from labels; each remakes the other's from the same labels and checks
/// every value in both; the negative cases are rejected for their exact reasons.
/// </summary>
public sealed class TrusteeVectorTests
{
    private const string CSharpFile = "csharp-ceremony.json";
    private const string TypeScriptFile = "ts-ceremony.json";

    private const string Description = "A g = 3, q = 2 ceremony and threshold tally made by C# (EVoting.Tests/Ballots/Trustees/CeremonyVector.cs) "
        + "from label-derived randomness; the TypeScript side remakes it from `label` and `election_id` and checks every value.";

    [Fact]
    public void The_csharp_ceremony_vector_is_reproduced_byte_for_byte() =>
        TrusteeVectorFiles.CheckOrWrite(CSharpFile, new CeremonyVector("csharp ceremony", 42).ToJson(Description));

    [Fact]
    public void The_negative_vectors_are_reproduced_byte_for_byte() =>
        TrusteeVectorFiles.CheckOrWrite("negative.json", TrusteeNegativeVectorMaker.File());

    [Fact]
    public void The_typescript_ceremony_vector_is_what_csharp_makes_from_the_same_labels()
    {
        var file = TrusteeVectorFiles.Read(TypeScriptFile);
        var remade = new CeremonyVector(file["label"]!.GetValue<string>(), file["election_id"]!.GetValue<ulong>())
            .ToJson(file["description"]!.GetValue<string>());
        Assert.Equal(file.ToJsonString(), JsonNode.Parse(remade.ToJsonString())!.ToJsonString());
    }

    [Theory]
    [InlineData(CSharpFile)]
    [InlineData(TypeScriptFile)]
    public void Every_value_in_a_ceremony_vector_verifies(string name)
    {
        var file = TrusteeVectorFiles.Read(name);
        var ceremonyJson = file["ceremony"]!.ToJsonString();
        Assert.Null(TrusteeVerifier.VerifyCeremony(ceremonyJson));
        var record = CeremonyJson.Parse(ceremonyJson);
        Assert.Equal(ceremonyJson, CeremonyJson.Serialize(record));
        var ceremony = record.Verify();
        Assert.Equal(file["ceremony_hash"]!.GetValue<string>(), LowerHex.Encode(ceremony.Ceremony.Hash));

        var secrets = file["polynomials"]!.AsArray().Select(p => Scalar(p!["coefficients"]![0]!)).ToArray();
        foreach (var item in file["encrypted_shares"]!.AsArray())
        {
            var json = item!["encrypted"]!.ToJsonString();
            var share = EncryptedShareJson.Parse(json);
            Assert.Equal(json, EncryptedShareJson.Serialize(share));
            var (value, reason) = TrusteeVerifier.OpenShare(record, share, secrets[share.To - 1]);
            Assert.Null(reason);
            Assert.Equal(Scalar(item["share"]!), value);
        }
        var secretShares = file["secret_shares"]!.AsArray().Select(s => Scalar(s!)).ToArray();
        for (var l = 1; l <= ceremony.Ceremony.Guardians; l++)
            Assert.Equal(ceremony.VerificationKey(l), P256.MultiplyG(secretShares[l - 1]).Normalize());

        var election = VectorMaker.ElectionFrom(file["election"]!);
        Assert.Equal(ceremony.ElectionKey, election.Key);
        var ballots = file["ballots"]!.AsArray().Select(b => BallotJson.Parse(b!["ballot"]!.ToJsonString())).ToArray();
        Assert.All(ballots, b => Assert.Null(BallotVerifier.Verify(election, b)));
        var tally = TallyAggregator.Aggregate(election, ballots);
        Assert.Equal(file["aggregate"]!["a"]!.AsArray().Select(a => a!.GetValue<string>()), tally.A.Select(a => LowerHex.Encode(P256.EncodeTally(a))));
        Assert.Equal(file["aggregate"]!["b"]!.AsArray().Select(b => b!.GetValue<string>()), tally.B.Select(b => LowerHex.Encode(P256.EncodeTally(b))));

        foreach (var guardian in file["partial_decryptions"]!.AsArray())
        {
            var l = guardian!["guardian"]!.GetValue<int>();
            var shares = guardian["shares"]!.AsArray();
            for (var c = 0; c < shares.Count; c++)
            {
                var share = ThresholdJson.ParsePartialDecryption(shares[c]!.ToJsonString());
                Assert.Equal(shares[c]!.ToJsonString(), ThresholdJson.Serialize(share));
                Assert.Equal(l, share.Guardian);
                Assert.Null(share.Verify(election, ceremony.VerificationKey(l), tally.A[c], tally.B[c]));
            }
        }

        var counts = file["counts"]!.AsArray().Select(c => c!.GetValue<long>()).ToArray();
        var d = file["combinations"]![0]!["d"]!.ToJsonString();
        foreach (var combination in file["combinations"]!.AsArray())
        {
            var results = combination!["results"]!.ToJsonString();
            Assert.Null(TrusteeVerifier.VerifyThresholdResults(election, ceremonyJson, results));
            Assert.Equal(results, ThresholdJson.Serialize(ThresholdJson.ParseResults(results)));
            Assert.Equal(counts, ThresholdJson.ParseResults(results).Select(r => r.Count));
            Assert.Equal(d, combination["d"]!.ToJsonString());
        }
        var empty = file["empty_tally"]!.ToJsonString();
        Assert.Null(TrusteeVerifier.VerifyThresholdResults(election, ceremonyJson, empty));
        Assert.All(ThresholdJson.ParseResults(empty), r => Assert.True(r.A.IsInfinity && r.Count == 0 && r.Shares.All(s => s.M.IsInfinity)));
        Assert.Equal(CeremonyVector.BallotSelections.Aggregate(new long[counts.Length], (sum, b) => sum.Zip(b, (s, m) => s + m).ToArray()), counts);

        var challenged = file["challenged_ballot"]!["challenged"]!.ToJsonString();
        Assert.Null(TrusteeVerifier.VerifyChallengedBallot(election, challenged));
        var (id, parsed) = ChallengedBallotJson.Parse(challenged);
        Assert.Equal(challenged, ChallengedBallotJson.Serialize(id, parsed));
    }

    [Fact]
    public void Every_negative_vector_is_rejected_for_its_reason()
    {
        var file = TrusteeVectorFiles.Read("negative.json");
        var ceremonyJson = file["ceremony"]!.ToJsonString();
        var record = CeremonyJson.Parse(ceremonyJson);
        var election = VectorMaker.ElectionFrom(file["election"]!);
        var cases = file["cases"]!.AsArray();
        Assert.True(cases.Count >= 30);
        foreach (var item in cases)
        {
            var reason = item!["kind"]!.GetValue<string>() switch
            {
                "ceremony" => TrusteeVerifier.VerifyCeremony(item["ceremony"]!.ToJsonString()),
                "share" => OpenShare(record, item["share"]!.ToJsonString(), Scalar(item["recipient_secret"]!)),
                "threshold_results" => TrusteeVerifier.VerifyThresholdResults(election, ceremonyJson, item["results"]!.ToJsonString()),
                "challenged_ballot" => TrusteeVerifier.VerifyChallengedBallot(election, item["challenged"]!.ToJsonString()),
                var kind => throw new InvalidOperationException($"unknown kind {kind}"),
            };
            Assert.True(item["reason"]!.GetValue<string>() == reason, $"{item["name"]}: expected '{item["reason"]}', got '{reason}'");
        }
    }

    private static string? OpenShare(CeremonyRecord record, string json, BigInteger secret)
    {
        try
        {
            return TrusteeVerifier.OpenShare(record, EncryptedShareJson.Parse(json), secret).Reason;
        }
        catch (BallotFormatException e)
        {
            return e.Reason;
        }
    }

    private static BigInteger Scalar(JsonNode node) => new(1, Convert.FromHexString(node.GetValue<string>()));
}
