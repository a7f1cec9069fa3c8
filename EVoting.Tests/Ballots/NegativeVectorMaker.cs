using System.Text.Json.Nodes;
using EVoting.Ballots;
using Org.BouncyCastle.Math;

namespace EVoting.Tests.Ballots;

/// <summary>Negative vectors: a deterministic valid ballot with exactly one defect each, and the reason it must be rejected for.</summary>
internal static class NegativeVectorMaker
{
    public static JsonObject File()
    {
        var (_, election, selections, randomness) = VectorMaker.DeterministicCases().First();
        var baseBallot = BallotEncryptor.EncryptDeterministic(election, selections, randomness);
        var valid = JsonNode.Parse(BallotJson.Serialize(baseBallot))!.AsObject();
        var key = election.Key;
        var cases = new JsonArray();

        void Add(string name, string reason, Action<JsonObject> defect, Election? against = null)
        {
            var ballot = (JsonObject)valid.DeepClone();
            defect(ballot);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["election"] = VectorMaker.ElectionJson(against ?? election),
                ["ballot"] = ballot,
                ["reason"] = reason,
            });
        }

        static string Scalar(BigInteger s) => VectorMaker.Hex(s);
        static string Point(Org.BouncyCastle.Math.EC.ECPoint p) => LowerHex.Encode(P256.Encode(p.Normalize()));
        var n = P256.N;

        Add("tampered beta (beta + K)", BallotErrors.RangeProofInvalid,
            b => b["ciphertexts"]![2]!["beta"] = Point(baseBallot.Ciphertexts[2].Beta.Add(key)));
        Add("wrong sum of challenges (c_0 + 1)", BallotErrors.RangeProofInvalid,
            b => b["proofs"]![0]!["c"]![0] = Scalar(baseBallot.Proofs[0].C[0].Add(BigInteger.One).Mod(n)));
        Add("wrong sum proof challenge", BallotErrors.SumProofInvalid,
            b => b["sum_proof"]!["c"]![1] = Scalar(baseBallot.SumProof.C[1].Add(BigInteger.One).Mod(n)));
        Add("scalar equal to n", BallotErrors.ScalarOutOfRange, b => b["proofs"]![1]!["v"]![0] = Scalar(n));
        Add("scalar 2^256 - 1", BallotErrors.ScalarOutOfRange, b => b["sum_proof"]!["v"]![0] = new string('f', 64));
        Add("scalar of 31 bytes", BallotErrors.ScalarWrongLength, b => b["proofs"]![1]!["c"]![1] = Scalar(baseBallot.Proofs[1].C[1])[2..]);
        Add("scalar in uppercase hex", BallotErrors.ScalarNotHex, b => b["proofs"]![1]!["c"]![1] = new string('A', 64));
        Add("65-byte uncompressed point", BallotErrors.PointUncompressed,
            b => b["ciphertexts"]![0]!["alpha"] = LowerHex.Encode(baseBallot.Ciphertexts[0].Alpha.GetEncoded(false)));
        Add("point at infinity (00)", BallotErrors.PointInfinity, b => b["ciphertexts"]![0]!["beta"] = "00");
        Add("point of 32 bytes", BallotErrors.PointWrongLength, b => b["ciphertexts"]![1]!["alpha"] = b["ciphertexts"]![1]!["alpha"]!.GetValue<string>()[..64]);
        Add("point with prefix 04 and 33 bytes", BallotErrors.PointBadPrefix, b => b["ciphertexts"]![1]!["alpha"] = "04" + b["ciphertexts"]![1]!["alpha"]!.GetValue<string>()[2..]);
        Add("point off the curve (x = 1)", BallotErrors.PointNotOnCurve, b => b["ciphertexts"]![1]!["alpha"] = "02" + new string('0', 63) + "1");
        Add("point with 0x prefix", BallotErrors.PointNotHex, b => b["ciphertexts"]![1]!["alpha"] = "0x" + b["ciphertexts"]![1]!["alpha"]!.GetValue<string>());
        Add("point in uppercase hex", BallotErrors.PointNotHex, b => b["ciphertexts"]![1]!["beta"] = b["ciphertexts"]![1]!["beta"]!.GetValue<string>().ToUpperInvariant());
        Add("proof moved to another election (id 8, same key)", BallotErrors.RangeProofInvalid,
            b => b["election_id"] = 8, new Election(8, election.PublicKey, election.Candidates, election.MaxSelections));
        Add("ballot for another election id", BallotErrors.WrongElection, b => b["election_id"] = 8);
        Add("ciphertext and proof moved to another candidate index (1 <-> 2)", BallotErrors.RangeProofInvalid, b =>
        {
            Swap(b["ciphertexts"]!.AsArray(), 0, 1);
            Swap(b["proofs"]!.AsArray(), 0, 1);
        });
        Add("proof moved to another candidate's ciphertext (3 <-> 4)", BallotErrors.RangeProofInvalid, b => Swap(b["proofs"]!.AsArray(), 2, 3));
        Add("commitment at infinity (v_0 = -c_0 * xi)", BallotErrors.RangeProofInvalid,
            b => b["proofs"]![0]!["v"]![0] = Scalar(baseBallot.Proofs[0].C[0].Multiply(randomness.Xi[0]).Negate().Mod(n)));
        Add("one candidate missing", BallotErrors.WrongCandidateCount, b =>
        {
            b["ciphertexts"]!.AsArray().RemoveAt(4);
            b["proofs"]!.AsArray().RemoveAt(4);
        });
        Add("sum proof with three entries for L = 1", BallotErrors.WrongProofLength, b =>
        {
            b["sum_proof"]!["c"]!.AsArray().Add(Scalar(BigInteger.One));
            b["sum_proof"]!["v"]!.AsArray().Add(Scalar(BigInteger.One));
        });
        Add("unknown field", BallotErrors.UnknownField, b => b["extra"] = true);
        Add("missing sum_proof", BallotErrors.MissingField, b => b.Remove("sum_proof"));
        Add("election_id as a string", BallotErrors.BadElectionId, b => b["election_id"] = "7");
        Add("negative election_id", BallotErrors.BadElectionId, b => b["election_id"] = -7);

        // Two selections when L = 1: the 0/1 proofs are honest, the sum proof cannot be.
        var two = BallotEncryptor.EncryptUnchecked(election, [1, 1, 0, 0, 0], VectorMaker.Randomness("two selections", 5, 1));
        cases.Add(new JsonObject
        {
            ["name"] = "two selections when L = 1",
            ["election"] = VectorMaker.ElectionJson(election),
            ["ballot"] = JsonNode.Parse(BallotJson.Serialize(two)),
            ["reason"] = BallotErrors.SumProofInvalid,
        });
        // The same ballot against an election that allows two selections is valid: the defect is only the limit.
        var allowTwo = new Election(election.Id, election.PublicKey, 5, 2);
        var twoAllowed = BallotEncryptor.EncryptDeterministic(allowTwo, [1, 1, 0, 0, 0], VectorMaker.Randomness("two selections", 5, 2));
        cases.Add(new JsonObject
        {
            ["name"] = "L = 2 ballot against an L = 1 election",
            ["election"] = VectorMaker.ElectionJson(election),
            ["ballot"] = JsonNode.Parse(BallotJson.Serialize(twoAllowed)),
            ["reason"] = BallotErrors.WrongProofLength,
        });

        return new JsonObject
        {
            ["description"] = "Each ballot must be rejected by both implementations with exactly `reason` (BallotErrors).",
            ["cases"] = cases,
        };
    }

    private static void Swap(JsonArray array, int i, int j)
    {
        var a = array[i]!.DeepClone();
        var b = array[j]!.DeepClone();
        array[i] = b;
        array[j] = a;
    }
}
