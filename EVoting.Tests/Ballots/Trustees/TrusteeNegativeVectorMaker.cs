using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// testdata/trustees/negative.json: pieces of the C# ceremony vector with one defect each, and the reason both
/// implementations must give. The file's own ceremony and election are the valid context every case is checked in.
/// </summary>
internal static class TrusteeNegativeVectorMaker
{
    public const string Label = "csharp ceremony";
    public const ulong ElectionId = 42;

    public static JsonObject File()
    {
        var v = new CeremonyVector(Label, ElectionId);
        var ceremony = JsonNode.Parse(CeremonyJson.Serialize(v.Record))!.AsObject();
        var results = JsonNode.Parse(ThresholdJson.Serialize(v.Combinations[0].Results))!.AsArray();
        var challenged = JsonNode.Parse(ChallengedBallotJson.Serialize(v.Election.Id, v.Challenged))!.AsObject();
        var cases = new JsonArray();

        void Add(string name, string kind, string field, JsonNode valid, Action<JsonNode> defect, string reason, JsonObject? extra = null)
        {
            var node = valid.DeepClone();
            defect(node);
            var item = new JsonObject { ["name"] = name, ["kind"] = kind, [field] = node };
            foreach (var (key, value) in extra ?? new JsonObject())
                item[key] = value!.DeepClone();
            item["reason"] = reason;
            cases.Add(item);
        }
        void Ceremony(string name, Action<JsonNode> defect, string reason) => Add(name, "ceremony", "ceremony", ceremony, defect, reason);
        void Results(string name, Action<JsonNode> defect, string reason) => Add(name, "threshold_results", "results", results, defect, reason);
        void Challenged(string name, Action<JsonNode> defect, string reason) => Add(name, "challenged_ballot", "challenged", challenged, defect, reason);
        void Share(string name, EncryptedShare share, int recipient, string reason) => Add(name, "share", "share",
            JsonNode.Parse(EncryptedShareJson.Serialize(share))!, _ => { }, reason,
            new JsonObject { ["recipient_secret"] = VectorMaker.Hex(v.Coefficients[recipient - 1][0]) });

        static string Point(ECPoint p) => LowerHex.Encode(P256.Encode(p.Normalize()));
        static string Scalar(BigInteger s) => VectorMaker.Hex(s);
        var g = P256.G;

        Ceremony("Schnorr proof moved to another coefficient index (guardian 1: 0 <-> 1)",
            c => Swap(c["commitments"]![0]!.AsArray(), 0, 1), TrusteeErrors.CoefficientProofInvalid);
        Ceremony("Schnorr proof moved to another guardian (coefficient 0: guardian 1 <-> 2)", c =>
        {
            var first = c["commitments"]![0]![0]!.DeepClone();
            c["commitments"]![0]![0] = c["commitments"]![1]![0]!.DeepClone();
            c["commitments"]![1]![0] = first;
        }, TrusteeErrors.CoefficientProofInvalid);
        Ceremony("commitment K_{2,1} + G with its old proof",
            c => c["commitments"]![1]![1]!["commitment"] = Point(v.Commitments[1][1].Commitment.Add(g)), TrusteeErrors.CoefficientProofInvalid);
        Ceremony("proof response v + 1", c => c["commitments"]![2]![0]!["v"] = Scalar(P256.Mod(v.Commitments[2][0].V.Add(BigInteger.One))),
            TrusteeErrors.CoefficientProofInvalid);
        Ceremony("election key K + G", c => c["election_key"] = Point(v.Result.ElectionKey.Add(g)), TrusteeErrors.ElectionKeyMismatch);
        Ceremony("verification key of guardian 3 replaced by guardian 2's",
            c => c["verification_keys"]![2] = Point(v.Result.VerificationKey(2)), TrusteeErrors.VerificationKeyMismatch);
        Ceremony("one verification key missing", c => c["verification_keys"]!.AsArray().RemoveAt(2), TrusteeErrors.VerificationKeyMismatch);
        Ceremony("guardian 3 publishes one commitment", c => c["commitments"]![2]!.AsArray().RemoveAt(1), TrusteeErrors.WrongCommitmentCount);
        Ceremony("quorum above the number of guardians", c => c["quorum"] = 4, TrusteeErrors.BadParameters);
        Ceremony("ceremony for another election (id 43, same commitments)", c => c["election_id"] = 43, TrusteeErrors.CoefficientProofInvalid);
        Ceremony("unknown field", c => c["note"] = "x", TrusteeErrors.UnknownField);
        Ceremony("missing verification_keys", c => c.AsObject().Remove("verification_keys"), TrusteeErrors.MissingField);
        Ceremony("proof scalar equal to n", c => c["commitments"]![0]![1]!["c"] = Scalar(P256.N), BallotErrors.ScalarOutOfRange);
        Ceremony("uncompressed commitment", c => c["commitments"]![0]![1]!["commitment"] = LowerHex.Encode(v.Commitments[0][1].Commitment.GetEncoded(false)),
            BallotErrors.PointUncompressed);
        Ceremony("election_id as a string", c => c["election_id"] = "42", BallotErrors.BadElectionId);

        var recipientKey = v.Commitments[1][0].Commitment;
        var wrongShare = P256.Mod(v.Polynomials[0].ShareFor(2).Add(BigInteger.One));
        Share("share that fails its commitment check (P_1(2) + 1, properly encrypted to guardian 2)",
            EncryptedShare.Encrypt(v.Parameters, 1, 2, wrongShare, recipientKey, VectorMaker.Scalar($"{Label} negative share")), 2, TrusteeErrors.ShareMismatch);
        Share("share encrypted to guardian 3 but addressed to guardian 2",
            EncryptedShare.Encrypt(v.Parameters, 1, 2, v.Polynomials[0].ShareFor(2), v.Commitments[2][0].Commitment, VectorMaker.Scalar($"{Label} negative share")),
            2, TrusteeErrors.ShareUnreadable);
        var flipped = v.Shares[0].Encrypted.Ciphertext.ToArray();
        flipped[5] ^= 1;
        Share("ciphertext with one bit flipped", v.Shares[0].Encrypted with { Ciphertext = flipped }, v.Shares[0].Encrypted.To, TrusteeErrors.ShareUnreadable);
        Add("ciphertext of 47 bytes", "share", "share", JsonNode.Parse(EncryptedShareJson.Serialize(v.Shares[0].Encrypted))!,
            s => s["ciphertext"] = s["ciphertext"]!.GetValue<string>()[2..], TrusteeErrors.BadShareCiphertext,
            new JsonObject { ["recipient_secret"] = VectorMaker.Hex(v.Coefficients[v.Shares[0].Encrypted.To - 1][0]) });

        var honest = v.Combinations[0].Results[0];
        Results("partial decryption with a wrong proof (v + 1)",
            r => r[0]!["shares"]![0]!["v"] = Scalar(P256.Mod(honest.Shares[0].V.Add(BigInteger.One))), TrusteeErrors.PartialDecryptionInvalid);
        Results("partial decryption M_1 + G with its old proof",
            r => r[0]!["shares"]![0]!["m"] = Point(honest.Shares[0].M.Add(g)), TrusteeErrors.PartialDecryptionInvalid);
        Results("partial decryption M at infinity (00)", r => r[1]!["shares"]![1]!["m"] = "00", TrusteeErrors.PartialDecryptionInvalid);
        Results("guardian 1's share relabelled as guardian 3's", r =>
        {
            r[0]!["shares"]![0]!["guardian"] = 3;
            r[0]!["set"] = new JsonArray(3, 2);
        }, TrusteeErrors.PartialDecryptionInvalid);
        Results("combination with q - 1 shares (set [1])", r => r[0]!["set"] = new JsonArray(1), TrusteeErrors.TooFewShares);
        Results("set names a guardian without a posted share", r => r[2]!["set"] = new JsonArray(1, 3), TrusteeErrors.TooFewShares);
        Results("guardian twice in the set", r => r[0]!["set"] = new JsonArray(1, 1), TrusteeErrors.DuplicateGuardian);
        Results("set names guardian 4 of 3", r => r[0]!["set"] = new JsonArray(1, 4), TrusteeErrors.BadGuardianIndex);
        Results("count off by one", r => r[1]!["count"] = r[1]!["count"]!.GetValue<long>() + 1, BallotErrors.CountMismatch);
        Results("counts of candidates 1 and 4 swapped", r =>
        {
            var first = r[0]!["count"]!.GetValue<long>();
            r[0]!["count"] = r[3]!["count"]!.GetValue<long>();
            r[3]!["count"] = first;
        }, BallotErrors.CountMismatch);
        Results("negative count", r => r[0]!["count"] = -1, TrusteeErrors.BadCount);
        Results("one candidate missing", r => r.AsArray().RemoveAt(3), BallotErrors.WrongCandidateCount);
        Results("aggregate B + K with the count raised by one", r =>
        {
            r[0]!["b"] = Point(honest.B.Add(v.Result.ElectionKey));
            r[0]!["count"] = honest.Count + 1;
        }, TrusteeErrors.PartialDecryptionInvalid);
        Results("unknown field in a partial decryption", r => r[0]!["shares"]![0]!["note"] = 1, TrusteeErrors.UnknownField);
        Results("guardian index 0", r => r[0]!["shares"]![0]!["guardian"] = 0, TrusteeErrors.BadGuardianIndex);

        Challenged("challenged ballot whose nonce does not match (xi_2 + 1)",
            c => c["nonces"]![1] = Scalar(P256.Mod(v.ChallengeRandomness.Xi[1].Add(BigInteger.One))), TrusteeErrors.SpoiledNonceMismatch);
        Challenged("challenged ballot that claims another choice", c => c["selections"] = new JsonArray(1, 0, 0, 0), TrusteeErrors.SpoiledNonceMismatch);
        Challenged("challenged ballot with nonce 0", c => c["nonces"]![0] = Scalar(BigInteger.Zero), TrusteeErrors.SpoiledNonceMismatch);
        Challenged("challenged ballot with one nonce missing", c => c["nonces"]!.AsArray().RemoveAt(3), BallotErrors.WrongCandidateCount);
        Challenged("challenged ballot whose proof was tampered", c => c["ballot"]!["proofs"]![0]!["c"]![0] =
            Scalar(P256.Mod(v.Challenged.Ballot.Proofs[0].C[0].Add(BigInteger.One))), BallotErrors.RangeProofInvalid);
        Challenged("challenged ballot for another election", c => c["election_id"] = 7, BallotErrors.WrongElection);
        Challenged("challenged ballot with an unknown field", c => c["note"] = true, TrusteeErrors.UnknownField);

        return new JsonObject
        {
            ["description"] = "Each case must be rejected by both implementations with exactly `reason`. `kind` says which check: "
                + "ceremony (verify the record), share (open with recipient_secret against `ceremony`), threshold_results "
                + "(verify against `ceremony` and `election`), challenged_ballot (verify against `election`).",
            ["ceremony"] = ceremony,
            ["election"] = VectorMaker.ElectionJson(v.Election),
            ["cases"] = cases,
        };
    }

    private static void Swap(JsonArray array, int i, int j)
    {
        var a = array[i]!.DeepClone();
        array[i] = array[j]!.DeepClone();
        array[j] = a;
    }
}
