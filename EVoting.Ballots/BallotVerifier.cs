using EVoting.Ballots.Arithmetic;

namespace EVoting.Ballots;

/// <summary>
/// Checks a ballot against its election: shape, every 0/1 proof, the sum proof. Returns null when
/// valid, otherwise a <see cref="BallotErrors"/> reason.
/// </summary>
/// <remarks>
/// The proofs are in (c, v) form, so the verifier must rebuild every commitment point exactly to
/// hash it; a random linear combination cannot stand in for that (it needs the commitments in the
/// proof). The levers used instead: the fastest P-256 arithmetic available for those
/// multiplications (<see cref="VerificationArithmetic"/>: OpenSSL where libcrypto.so.3 loads,
/// else BouncyCastle), one field inversion per ballot, and parallelism across ballots in
/// <see cref="VerifyBatch"/>. See docs/ballot-crypto.md.
/// </remarks>
public static class BallotVerifier
{
    public static string? Verify(Election election, Ballot ballot) =>
        Verify(election, ballot, VerificationArithmetic.Default);

    /// <summary>The name of the arithmetic backend in use ("OpenSSL" or "BouncyCastle"), for benchmarks and diagnostics.</summary>
    public static string Backend => VerificationArithmetic.Default.Name;

    /// <summary>Verifies with a given backend; the tests run every vector through each one.</summary>
    internal static string? Verify(Election election, Ballot ballot, VerificationArithmetic arithmetic)
    {
        var shape = CheckShape(election, ballot);
        if (shape is not null)
            return shape;
        var statements = Statements(ballot);
        if (statements is null)
            return BallotErrors.SumProofInvalid;
        var k = election.Candidates;
        var sum = statements[k].Ciphertext;
        var encoded = new byte[VerificationArithmetic.CommitmentCount(statements) * P256.PointLength];
        arithmetic.EncodeCommitments(election, statements, encoded);

        const int perProof = 4 * P256.PointLength;
        for (var i = 0; i < k; i++)
        {
            if (!RangeProofs.ChallengeMatches(election, i + 1, ballot.Ciphertexts[i], ballot.Proofs[i], encoded.AsSpan(i * perProof, perProof)))
                return BallotErrors.RangeProofInvalid;
        }
        return RangeProofs.ChallengeMatches(election, 0, sum, ballot.SumProof, encoded.AsSpan(k * perProof))
            ? null
            : BallotErrors.SumProofInvalid;
    }

    /// <summary>
    /// What a shape-checked ballot proves: each ciphertext encrypts 0 or 1, and their sum encrypts
    /// at most L. Null when the sum is infinity (the sum proof cannot be encoded, so it fails).
    /// </summary>
    internal static ProofStatement[]? Statements(Ballot ballot)
    {
        var k = ballot.Ciphertexts.Count;
        var sum = SumCiphertext(ballot.Ciphertexts);
        if (sum is null)
            return null;
        var statements = new ProofStatement[k + 1];
        for (var i = 0; i < k; i++)
            statements[i] = new ProofStatement(ballot.Ciphertexts[i], ballot.Proofs[i]);
        statements[k] = new ProofStatement(sum, ballot.SumProof);
        return statements;
    }

    /// <summary>Parses strictly, then verifies. Null when valid.</summary>
    public static string? VerifyJson(Election election, string json)
    {
        if (!BallotJson.TryParse(json, out var ballot, out var error))
            return error;
        return Verify(election, ballot!);
    }

    /// <summary>
    /// Verifies many ballots across cores; result[i] is the reason ballot i fails, or null. Every
    /// ballot is checked in full on its own, so one bad ballot never hides or taints another.
    /// </summary>
    public static string?[] VerifyBatch(IReadOnlyList<(Election Election, Ballot Ballot)> items, int maxDegreeOfParallelism = -1) =>
        VerifyBatch(items, VerificationArithmetic.Default, maxDegreeOfParallelism);

    internal static string?[] VerifyBatch(IReadOnlyList<(Election Election, Ballot Ballot)> items, VerificationArithmetic arithmetic, int maxDegreeOfParallelism = -1)
    {
        var results = new string?[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, items.Count, options, i => results[i] = Verify(items[i].Election, items[i].Ballot, arithmetic));
        return results;
    }

    internal static string? CheckShape(Election election, Ballot ballot)
    {
        if (ballot.ElectionId != election.Id)
            return BallotErrors.WrongElection;
        if (ballot.Ciphertexts.Count != election.Candidates || ballot.Proofs.Count != election.Candidates)
            return BallotErrors.WrongCandidateCount;
        foreach (var proof in ballot.Proofs)
        {
            if (proof.C.Count != 2 || proof.V.Count != 2)
                return BallotErrors.WrongProofLength;
        }
        if (ballot.SumProof.C.Count != election.MaxSelections + 1 || ballot.SumProof.V.Count != election.MaxSelections + 1)
            return BallotErrors.WrongProofLength;
        return null;
    }

    /// <summary>(Σα_i, Σβ_i), normalized (BouncyCastle: ten additions, cheap next to the multiplications); null if either sum is infinity (it cannot be encoded for the sum proof).</summary>
    internal static Ciphertext? SumCiphertext(IReadOnlyList<Ciphertext> ciphertexts)
    {
        var alpha = P256.Infinity;
        var beta = P256.Infinity;
        foreach (var ct in ciphertexts)
        {
            alpha = alpha.Add(ct.Alpha);
            beta = beta.Add(ct.Beta);
        }
        if (alpha.IsInfinity || beta.IsInfinity)
            return null;
        var pair = new[] { alpha, beta };
        P256.Curve.NormalizeAll(pair);
        return new Ciphertext(pair[0], pair[1]);
    }
}
