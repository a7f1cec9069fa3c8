using System.Text.Json.Nodes;
using EVoting.Ballots;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>
/// The cross-implementation vectors in testdata/ballots (the TypeScript suite runs the same files).
/// C#-made deterministic files must regenerate byte for byte; TS-made ballots must verify here.
/// </summary>
public class SharedVectorTests
{
    private static void CheckOrWrite(string name, JsonObject generated)
    {
        if (VectorFiles.Writing)
            VectorFiles.Write(name, generated);
        var committed = File.ReadAllText(Path.Combine(VectorFiles.Directory, name));
        Assert.Equal(committed, VectorFiles.Serialize(generated));
    }

    [Fact]
    public void Deterministic_vectors_are_reproduced_byte_for_byte() =>
        CheckOrWrite("deterministic.json", VectorMaker.DeterministicFile());

    [Fact]
    public void Negative_vectors_are_reproduced_byte_for_byte() =>
        CheckOrWrite("negative.json", NegativeVectorMaker.File());

    [Fact]
    public void Tally_vectors_are_reproduced_byte_for_byte() =>
        CheckOrWrite("tally.json", TallyVectorMaker.File());

    [Fact]
    public void Merkle_vectors_are_reproduced_byte_for_byte_and_verify()
    {
        CheckOrWrite("merkle.json", MerkleVectorMaker.File());
        foreach (var item in VectorFiles.Read("merkle.json")["cases"]!.AsArray())
        {
            var proof = item!["proof"]!.AsArray().Select(h => EVoting.Chain.Hash32.Parse(h!.GetValue<string>())).ToArray();
            Assert.True(EVoting.Chain.MerkleTree.Verify(
                EVoting.Chain.Hash32.Parse(item["tx_hash"]!.GetValue<string>()), item["index"]!.GetValue<int>(), item["count"]!.GetValue<int>(),
                proof, EVoting.Chain.Hash32.Parse(item["root"]!.GetValue<string>())));
        }
    }

    public static TheoryData<string> Files => ["deterministic.json", "csharp-ballots.json", "ts-ballots.json", "ts-deterministic.json"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_positive_vector_verifies_with_its_hash_and_wire_form(string file)
    {
        var cases = VectorFiles.Read(file)["cases"]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (var item in cases)
        {
            var name = item!["name"]!.GetValue<string>();
            var election = VectorMaker.ElectionFrom(item["election"]!);
            Assert.Equal(item["election"]!["election_hash"]!.GetValue<string>(), election.HashHex);
            var json = item["ballot"]!.ToJsonString();
            Assert.True(BallotVerifier.VerifyJson(election, json) is null, $"{file}: {name}: {BallotVerifier.VerifyJson(election, json)}");
            var ballot = BallotJson.Parse(json);
            Assert.Equal(json, BallotJson.Serialize(ballot));
            Assert.Equal(item["ballot_hash"]!.GetValue<string>(), BallotHash.ComputeHex(election, ballot));
            Assert.Equal(item["encrypted_vote"]!.GetValue<string>(), LowerHex.Encode(BallotWire.EncodeCiphertexts(ballot)));
            Assert.Equal(item["proof"]!.GetValue<string>(), LowerHex.Encode(BallotWire.EncodeProof(ballot)));
            if (item["randomness"] is { } randomness)
            {
                var selections = item["selections"]!.AsArray().Select(s => s!.GetValue<int>()).ToArray();
                var remade = BallotEncryptor.EncryptDeterministic(election, selections, VectorMaker.RandomnessFrom(randomness));
                Assert.Equal(json, BallotJson.Serialize(remade));
            }
        }
    }

    [Fact]
    public void Every_negative_vector_is_rejected_for_its_reason()
    {
        foreach (var item in VectorFiles.Read("negative.json")["cases"]!.AsArray())
        {
            var election = VectorMaker.ElectionFrom(item!["election"]!);
            var reason = BallotVerifier.VerifyJson(election, item["ballot"]!.ToJsonString());
            Assert.True(item["reason"]!.GetValue<string>() == reason, $"{item["name"]}: expected '{item["reason"]}', got '{reason}'");
        }
    }

    [Fact]
    public void Every_tally_vector_verifies_or_fails_for_its_reason()
    {
        foreach (var item in VectorFiles.Read("tally.json")["cases"]!.AsArray())
        {
            var e = item!["election"]!;
            var tally = TallyJson.ParseResults(
                e["election_id"]!.GetValue<ulong>(),
                Convert.FromHexString(e["public_key"]!.GetValue<string>()),
                Convert.FromHexString(e["election_hash"]!.GetValue<string>()),
                item["results"]!.AsObject());
            var reason = TallyVerifier.Verify(tally);
            var expected = item["reason"]?.GetValue<string>();
            if (expected is null)
                Assert.True(reason is null, $"{item["name"]}: {reason}");
            else
                Assert.True(reason is not null && reason.EndsWith(": " + expected, StringComparison.Ordinal), $"{item["name"]}: expected '{expected}', got '{reason}'");
        }
    }

    [Fact]
    public void CSharp_made_random_ballots_are_written_when_regenerating()
    {
        // The random C# ballots cannot be reproduced; they are (re)written only in writing mode,
        // and checked by the positive-vector theory above and by the TypeScript suite.
        if (VectorFiles.Writing)
            VectorFiles.Write("csharp-ballots.json", RandomBallots());
        Assert.True(File.Exists(Path.Combine(VectorFiles.Directory, "csharp-ballots.json")));
    }

    private static JsonObject RandomBallots()
    {
        var key = ElectionKeyPair.Generate();
        var cases = new JsonArray();
        foreach (var (id, k, l, selections) in new (ulong, int, int, int[])[]
        {
            (21, 5, 1, [0, 1, 0, 0, 0]), (21, 5, 1, [0, 0, 0, 0, 0]), (22, 4, 3, [1, 0, 1, 1]), (23, 1, 1, [0]), (24, 8, 2, [0, 0, 1, 0, 0, 0, 1, 0]),
        })
        {
            var election = new Election(id, key.PublicKey, k, l);
            var ballot = BallotEncryptor.Encrypt(election, selections);
            cases.Add(new JsonObject
            {
                ["name"] = $"election {id}, {k} candidates, L = {l}, selections {string.Join("", selections)}",
                ["election"] = VectorMaker.ElectionJson(election),
                ["ballot"] = JsonNode.Parse(BallotJson.Serialize(ballot)),
                ["ballot_hash"] = BallotHash.ComputeHex(election, ballot),
                ["encrypted_vote"] = LowerHex.Encode(BallotWire.EncodeCiphertexts(ballot)),
                ["proof"] = LowerHex.Encode(BallotWire.EncodeProof(ballot)),
            });
        }
        return new JsonObject { ["description"] = "Ballots encrypted by C# with CSPRNG randomness; the TypeScript suite must accept them and compute the same hashes.", ["cases"] = cases };
    }
}
