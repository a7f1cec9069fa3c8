using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>All the randomness of one ballot: ξ_i per candidate, each 0/1 proof's, and the sum proof's.</summary>
public sealed record BallotRandomness(IReadOnlyList<BigInteger> Xi, IReadOnlyList<ProofRandomness> Proofs, ProofRandomness Sum)
{
    public static BallotRandomness Random(int candidates, int maxSelections) => new(
        Enumerable.Range(0, candidates).Select(_ => P256.RandomNonZeroScalar()).ToArray(),
        Enumerable.Range(0, candidates).Select(_ => ProofRandomness.Random(1)).ToArray(),
        ProofRandomness.Random(maxSelections));
}

/// <summary>Encrypts a ballot with its proofs (docs/ballot-crypto.md#encrypting-a-ballot).</summary>
public static class BallotEncryptor
{
    /// <summary>Encrypts with fresh CSPRNG randomness. selections: one 0/1 entry per candidate, at most L ones.</summary>
    public static Ballot Encrypt(Election election, IReadOnlyList<int> selections)
    {
        CheckSelections(election, selections);
        while (true)
        {
            // A retry happens only if some ξ_i + m_i ≡ 0 or a commitment is infinity: probability ~2^-250.
            var ballot = TryEncrypt(election, selections, BallotRandomness.Random(election.Candidates, election.MaxSelections));
            if (ballot is not null)
                return ballot;
        }
    }

    /// <summary>Encrypts a single choice (1-based candidate index, 0 = abstain).</summary>
    public static Ballot EncryptChoice(Election election, int choice)
    {
        if (choice < 0 || choice > election.Candidates)
            throw new ArgumentOutOfRangeException(nameof(choice), $"choice must be 0 (abstain) or 1..{election.Candidates}");
        return Encrypt(election, Enumerable.Range(1, election.Candidates).Select(i => i == choice ? 1 : 0).ToArray());
    }

    /// <summary>Encrypts with supplied randomness (test vectors). Throws if the randomness leads to an unencodable point.</summary>
    public static Ballot EncryptDeterministic(Election election, IReadOnlyList<int> selections, BallotRandomness randomness)
    {
        CheckSelections(election, selections);
        return TryEncrypt(election, selections, randomness)
            ?? throw new ArgumentException("the supplied randomness yields a point at infinity", nameof(randomness));
    }

    /// <summary>
    /// Like <see cref="EncryptDeterministic"/> but without the selection check: the proofs of an
    /// out-of-range selection are built as an honest prover would try and fail to verify. For negative vectors only.
    /// </summary>
    internal static Ballot EncryptUnchecked(Election election, IReadOnlyList<int> selections, BallotRandomness randomness) =>
        TryEncrypt(election, selections, randomness) ?? throw new ArgumentException("randomness yields infinity", nameof(randomness));

    private static Ballot? TryEncrypt(Election election, IReadOnlyList<int> selections, BallotRandomness r)
    {
        var k = election.Candidates;
        if (r.Xi.Count != k || r.Proofs.Count != k)
            throw new ArgumentException("randomness does not match the number of candidates", nameof(r));
        var points = new ECPoint[2 * k];
        for (var i = 0; i < k; i++)
        {
            var xi = r.Xi[i];
            if (xi.SignValue <= 0 || xi.CompareTo(P256.N) >= 0)
                throw new ArgumentException("ξ must be in [1, n-1]", nameof(r));
            var exponent = P256.Mod(xi.Add(BigInteger.ValueOf(selections[i])));
            if (exponent.SignValue == 0)
                return null; // β would be infinity
            points[2 * i] = P256.MultiplyG(xi);
            points[2 * i + 1] = P256.MultiplyFixed(election.Key, exponent);
        }
        P256.Curve.NormalizeAll(points);
        var ciphertexts = new Ciphertext[k];
        for (var i = 0; i < k; i++)
            ciphertexts[i] = new Ciphertext(points[2 * i], points[2 * i + 1]);

        var proofs = new RangeProof[k];
        for (var i = 0; i < k; i++)
        {
            var proof = RangeProofs.Prove(election, i + 1, ciphertexts[i], r.Xi[i], selections[i], 1, r.Proofs[i]);
            if (proof is null)
                return null;
            proofs[i] = proof;
        }

        var sum = BallotVerifier.SumCiphertext(ciphertexts);
        if (sum is null)
            return null;
        var xiSum = P256.Mod(r.Xi.Aggregate(BigInteger.Zero, (acc, x) => acc.Add(x)));
        var sumProof = RangeProofs.Prove(election, 0, sum, xiSum, selections.Sum(), election.MaxSelections, r.Sum);
        return sumProof is null ? null : new Ballot(election.Id, ciphertexts, proofs, sumProof);
    }

    private static void CheckSelections(Election election, IReadOnlyList<int> selections)
    {
        if (selections.Count != election.Candidates)
            throw new ArgumentException($"expected {election.Candidates} selections, got {selections.Count}", nameof(selections));
        if (selections.Any(m => m is not (0 or 1)))
            throw new ArgumentException("each selection must be 0 or 1", nameof(selections));
        if (selections.Sum() > election.MaxSelections)
            throw new ArgumentException($"at most {election.MaxSelections} selection(s) allowed", nameof(selections));
    }
}
