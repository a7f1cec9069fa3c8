using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// A complete g = 3, q = 2 ceremony and threshold tally in which every random value is derived from a label
/// (<see cref="VectorMaker.Scalar"/>), so the same label gives the same bytes in C# and in TypeScript
/// (frontend/lib/crypto/ceremony-vector.ts). testdata/trustees/README.md lists the labels.
/// </summary>
internal sealed class CeremonyVector
{
    public const int Guardians = 3;
    public const int Quorum = 2;
    public static readonly int[][] BallotSelections = [[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]];
    public static readonly int[] ChallengeSelections = [0, 1, 0, 0];
    public static readonly int[][] Subsets = [[1, 2], [1, 3], [2, 3]];
    public static readonly int[] EmptyTallySet = [1, 3];
    private static int Candidates => ChallengeSelections.Length;

    public CeremonyVector(string label, ulong electionId)
    {
        Label = label;
        Parameters = new CeremonyParameters(electionId, Guardians, Quorum);
        Coefficients = Indices(Guardians, i => Indices(Quorum, j => VectorMaker.Scalar($"{label} guardian {i} coefficient {j - 1}")));
        ProofNonces = Indices(Guardians, i => Indices(Quorum, j => VectorMaker.Scalar($"{label} guardian {i} proof {j - 1}")));
        Polynomials = Indices(Guardians, i => GuardianPolynomial.FromCoefficients(Parameters, i, Coefficients[i - 1]));
        Commitments = Polynomials.Select((p, i) =>
        {
            var nonces = new Queue<BigInteger>(ProofNonces[i]);
            return p.Commit(nonces.Dequeue);
        }).ToArray();
        Result = CeremonyResult.FromCommitments(Parameters, Commitments);
        Record = CeremonyRecord.From(Result, Commitments);
        foreach (var from in Enumerable.Range(1, Guardians))
        {
            foreach (var to in Enumerable.Range(1, Guardians).Where(to => to != from))
            {
                var r = VectorMaker.Scalar($"{label} share {from} to {to}");
                var share = Polynomials[from - 1].ShareFor(to);
                Shares.Add((share, r, EncryptedShare.Encrypt(Parameters, from, to, share, Commitments[to - 1][0].Commitment, r)));
            }
        }
        SecretShares = Indices(Guardians, l => Polynomials.Aggregate(BigInteger.Zero, (sum, p) => P256.Mod(sum.Add(p.ShareFor(l)))));
        Election = new Election(electionId, P256.Encode(Result.ElectionKey), Candidates);
        Ballots = BallotSelections.Select((selections, b) =>
        {
            var randomness = VectorMaker.Randomness($"{label} ballot {b + 1}", Candidates, 1);
            return (selections, randomness, BallotEncryptor.EncryptDeterministic(Election, selections, randomness));
        }).ToArray();
        Tally = TallyAggregator.Aggregate(Election, Ballots.Select(b => b.Ballot).ToArray());
        PartialNonces = Indices(Guardians, l => Indices(Candidates, c => VectorMaker.Scalar($"{label} partial {l} candidate {c}")));
        Partials = Indices(Guardians, l => Indices(Candidates, c => PartialDecryption.Create(
            Election, l, SecretShares[l - 1], Result.VerificationKey(l), Tally.A[c - 1], Tally.B[c - 1], PartialNonces[l - 1][c - 1])));
        Combinations = Subsets.Select(set =>
        {
            var shares = Enumerable.Range(0, Candidates)
                .Select(c => (IReadOnlyList<PartialDecryption>)set.Select(l => Partials[l - 1][c]).ToArray())
                .ToArray();
            return (set, ThresholdTally.Combine(Election, Result, Tally, shares), shares.Select(s => LagrangeCombination.Combine(s, Quorum)).ToArray());
        }).ToArray();
        // An election without ballots: A = B = M = the point at infinity, written 00 in the proofs' hash input.
        var empty = TallyAggregator.Aggregate(Election, []);
        EmptyTally = ThresholdTally.Combine(Election, Result, empty, Enumerable.Range(1, Candidates)
            .Select(c => (IReadOnlyList<PartialDecryption>)EmptyTallySet.Select(l => PartialDecryption.Create(Election, l, SecretShares[l - 1],
                Result.VerificationKey(l), empty.A[c - 1], empty.B[c - 1], VectorMaker.Scalar($"{label} empty partial {l} candidate {c}"))).ToArray())
            .ToArray());
        ChallengeRandomness = VectorMaker.Randomness($"{label} challenge", Candidates, 1);
        Challenged = new ChallengedBallot(BallotEncryptor.EncryptDeterministic(Election, ChallengeSelections, ChallengeRandomness), ChallengeSelections, ChallengeRandomness.Xi);
    }

    public string Label { get; }
    public CeremonyParameters Parameters { get; }
    public BigInteger[][] Coefficients { get; }
    public BigInteger[][] ProofNonces { get; }
    public GuardianPolynomial[] Polynomials { get; }
    public IReadOnlyList<CoefficientCommitment>[] Commitments { get; }
    public CeremonyResult Result { get; }
    public CeremonyRecord Record { get; }
    public List<(BigInteger Share, BigInteger R, EncryptedShare Encrypted)> Shares { get; } = [];
    public BigInteger[] SecretShares { get; }
    public Election Election { get; }
    public (int[] Selections, BallotRandomness Randomness, Ballot Ballot)[] Ballots { get; }
    public EncryptedTally Tally { get; }
    public BigInteger[][] PartialNonces { get; }
    public PartialDecryption[][] Partials { get; }
    public (int[] Set, IReadOnlyList<ThresholdCandidateResult> Results, ECPoint[] D)[] Combinations { get; }
    public IReadOnlyList<ThresholdCandidateResult> EmptyTally { get; }
    public BallotRandomness ChallengeRandomness { get; }
    public ChallengedBallot Challenged { get; }

    private static T[] Indices<T>(int count, Func<int, T> make) => Enumerable.Range(1, count).Select(make).ToArray();

    private static JsonArray Array<T>(IEnumerable<T> values, Func<T, JsonNode?> node) => new(values.Select(node).ToArray());

    private static JsonNode Hex(BigInteger s) => VectorMaker.Hex(s);

    private static JsonNode TallyHex(ECPoint p) => LowerHex.Encode(P256.EncodeTally(p));

    /// <summary>The vector file; <paramref name="description"/> is the only field that depends on which side made it.</summary>
    public JsonObject ToJson(string description) => new()
    {
        ["description"] = description,
        ["label"] = Label,
        ["election_id"] = Parameters.ElectionId,
        ["guardians"] = Guardians,
        ["quorum"] = Quorum,
        ["candidates"] = Candidates,
        ["ceremony_hash"] = LowerHex.Encode(Parameters.Hash),
        ["polynomials"] = Array(Enumerable.Range(1, Guardians), i => new JsonObject
        {
            ["guardian"] = i,
            ["coefficients"] = Array(Coefficients[i - 1], Hex),
            ["proof_nonces"] = Array(ProofNonces[i - 1], Hex),
        }),
        ["ceremony"] = JsonNode.Parse(CeremonyJson.Serialize(Record)),
        ["encrypted_shares"] = Array(Shares, s => new JsonObject
        {
            ["share"] = Hex(s.Share),
            ["ephemeral"] = Hex(s.R),
            ["encrypted"] = JsonNode.Parse(EncryptedShareJson.Serialize(s.Encrypted)),
        }),
        ["secret_shares"] = Array(SecretShares, Hex),
        ["election"] = VectorMaker.ElectionJson(Election),
        ["ballots"] = Array(Ballots, b => new JsonObject
        {
            ["selections"] = Array(b.Selections, m => m),
            ["randomness"] = VectorMaker.RandomnessJson(b.Randomness),
            ["ballot"] = JsonNode.Parse(BallotJson.Serialize(b.Ballot)),
        }),
        ["aggregate"] = new JsonObject
        {
            ["ballot_count"] = Tally.BallotCount,
            ["a"] = Array(Tally.A, TallyHex),
            ["b"] = Array(Tally.B, TallyHex),
        },
        ["partial_decryptions"] = Array(Enumerable.Range(1, Guardians), l => new JsonObject
        {
            ["guardian"] = l,
            ["proof_nonces"] = Array(PartialNonces[l - 1], Hex),
            ["shares"] = Array(Partials[l - 1], p => JsonNode.Parse(ThresholdJson.Serialize(p))),
        }),
        ["combinations"] = Array(Combinations, c => new JsonObject
        {
            ["set"] = Array(c.Set, g => g),
            ["d"] = Array(c.D, TallyHex),
            ["results"] = JsonNode.Parse(ThresholdJson.Serialize(c.Results)),
        }),
        ["counts"] = Array(Combinations[0].Results, r => r.Count),
        ["empty_tally"] = JsonNode.Parse(ThresholdJson.Serialize(EmptyTally)),
        ["challenged_ballot"] = new JsonObject
        {
            ["randomness"] = VectorMaker.RandomnessJson(ChallengeRandomness),
            ["challenged"] = JsonNode.Parse(ChallengedBallotJson.Serialize(Election.Id, Challenged)),
        },
    };
}
