using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EVoting.Ballots;
using Org.BouncyCastle.Math;

namespace EVoting.Tests.Ballots;

/// <summary>
/// Builds the C#-side shared vectors. Deterministic ones derive every random value from a label
/// (SHA-256 of "EVOTE-V1 vector" ‖ label, reduced mod n), so regenerating them must reproduce the
/// committed files byte for byte; negative vectors are deterministic ballots with one defect each.
/// </summary>
internal static class VectorMaker
{
    public static BigInteger Scalar(string label) =>
        new BigInteger(1, SHA256.HashData(Encoding.UTF8.GetBytes("EVOTE-V1 vector " + label))).Mod(P256.N.Subtract(BigInteger.One)).Add(BigInteger.One);

    public static string Hex(BigInteger s) => LowerHex.Encode(P256.EncodeScalar(s));

    public static ElectionKeyPair Key(string label) => ElectionKeyPair.FromSecretHex(Hex(Scalar("key " + label)));

    public static BallotRandomness Randomness(string label, int candidates, int maxSelections) => new(
        Enumerable.Range(1, candidates).Select(i => Scalar($"{label} xi {i}")).ToArray(),
        Enumerable.Range(1, candidates).Select(i => Proof($"{label} proof {i}", 1)).ToArray(),
        Proof($"{label} sum", maxSelections));

    private static ProofRandomness Proof(string label, int bound) => new(
        Enumerable.Range(0, bound + 1).Select(j => Scalar($"{label} u {j}")).ToArray(),
        Enumerable.Range(0, bound + 1).Select(j => Scalar($"{label} c {j}")).ToArray());

    public static JsonObject ElectionJson(Election e) => new()
    {
        ["election_id"] = e.Id,
        ["public_key"] = e.PublicKeyHex,
        ["candidates"] = e.Candidates,
        ["max_selections"] = e.MaxSelections,
        ["election_hash"] = e.HashHex,
    };

    public static Election ElectionFrom(JsonNode node) => Election.FromHex(
        node["election_id"]!.GetValue<ulong>(),
        node["public_key"]!.GetValue<string>(),
        node["candidates"]!.GetValue<int>(),
        node["max_selections"]!.GetValue<int>());

    public static JsonObject RandomnessJson(BallotRandomness r) => new()
    {
        ["xi"] = Scalars(r.Xi),
        ["proofs"] = new JsonArray(r.Proofs.Select(p => (JsonNode)ProofRandomnessJson(p)).ToArray()),
        ["sum"] = ProofRandomnessJson(r.Sum),
    };

    public static BallotRandomness RandomnessFrom(JsonNode node) => new(
        ScalarsFrom(node["xi"]!),
        node["proofs"]!.AsArray().Select(p => ProofRandomnessFrom(p!)).ToArray(),
        ProofRandomnessFrom(node["sum"]!));

    private static JsonObject ProofRandomnessJson(ProofRandomness p) => new() { ["u"] = Scalars(p.U), ["c"] = Scalars(p.C) };

    private static ProofRandomness ProofRandomnessFrom(JsonNode node) => new(ScalarsFrom(node["u"]!), ScalarsFrom(node["c"]!));

    private static JsonArray Scalars(IEnumerable<BigInteger> values) => new(values.Select(v => (JsonNode)JsonValue.Create(Hex(v))).ToArray());

    private static BigInteger[] ScalarsFrom(JsonNode node) =>
        node.AsArray().Select(s => new BigInteger(1, Convert.FromHexString(s!.GetValue<string>()))).ToArray();

    /// <summary>The deterministic cases: (name, election, selections, randomness).</summary>
    public static IEnumerable<(string Name, Election Election, int[] Selections, BallotRandomness Randomness)> DeterministicCases()
    {
        var key = Key("deterministic");
        Election E(ulong id, int k, int l) => new(id, key.PublicKey, k, l);
        yield return ("five candidates, choice 3", E(7, 5, 1), [0, 0, 1, 0, 0], Randomness("case 1", 5, 1));
        yield return ("five candidates, abstain", E(7, 5, 1), [0, 0, 0, 0, 0], Randomness("case 2", 5, 1));
        yield return ("three candidates, L = 2, two selections", E(9, 3, 2), [1, 0, 1], Randomness("case 3", 3, 2));
        yield return ("one candidate, chosen", E(1, 1, 1), [1], Randomness("case 4", 1, 1));
        yield return ("large election id", E(ulong.MaxValue >> 12, 2, 1), [1, 0], Randomness("case 5", 2, 1));

        // Zero scalars: a simulated challenge c_j = 0, and a response v_j = 0 (u_j = c_j·ξ).
        var zero = Randomness("case 6", 2, 1);
        var xi2 = zero.Xi[1];
        var p1 = new ProofRandomness(zero.Proofs[0].U, [zero.Proofs[0].C[0], BigInteger.Zero]); // m_1 = 0: branch 1 simulated, c_1 = 0
        var c0 = zero.Proofs[1].C[0];
        var p2 = new ProofRandomness([c0.Multiply(xi2).Mod(P256.N), zero.Proofs[1].U[1]], zero.Proofs[1].C); // m_2 = 1: branch 0 simulated, v_0 = 0
        yield return ("zero challenge and zero response", E(7, 2, 1), [0, 1], zero with { Proofs = [p1, p2] });
    }

    public static JsonObject DeterministicFile()
    {
        var cases = new JsonArray();
        foreach (var (name, election, selections, randomness) in DeterministicCases())
        {
            var ballot = BallotEncryptor.EncryptDeterministic(election, selections, randomness);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["election"] = ElectionJson(election),
                ["selections"] = new JsonArray(selections.Select(s => (JsonNode)s).ToArray()),
                ["randomness"] = RandomnessJson(randomness),
                ["ballot"] = JsonNode.Parse(BallotJson.Serialize(ballot)),
                ["ballot_hash"] = BallotHash.ComputeHex(election, ballot),
                ["encrypted_vote"] = LowerHex.Encode(BallotWire.EncodeCiphertexts(ballot)),
                ["proof"] = LowerHex.Encode(BallotWire.EncodeProof(ballot)),
            });
        }
        return new JsonObject
        {
            ["description"] = "Deterministic ballots: encrypting `selections` with `randomness` must give `ballot` byte for byte (both implementations). Randomness c entries at the real branch are ignored.",
            ["cases"] = cases,
        };
    }
}
