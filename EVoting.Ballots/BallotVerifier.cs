using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>
/// Checks a ballot against its election: shape, every 0/1 proof, the sum proof. Returns null when
/// valid, otherwise a <see cref="BallotErrors"/> reason.
/// </summary>
/// <remarks>
/// The proofs are in (c, v) form, so the verifier must rebuild every commitment point exactly to
/// hash it; a random linear combination cannot stand in for that (it needs the commitments in the
/// proof). The levers used instead: BouncyCastle's cached wNAF tables for G and per election key K,
/// one table per ciphertext point shared by both of its challenges, one field inversion per ballot
/// (NormalizeAll), and parallelism across ballots in <see cref="VerifyBatch"/>. See docs/ballot-crypto.md.
/// </remarks>
public static class BallotVerifier
{
    public static string? Verify(Election election, Ballot ballot)
    {
        var shape = CheckShape(election, ballot);
        if (shape is not null)
            return shape;
        var k = election.Candidates;
        var sum = SumCiphertext(ballot.Ciphertexts);
        if (sum is null)
            return BallotErrors.SumProofInvalid;

        var perProof = 4;
        var sumPoints = 2 * ballot.SumProof.C.Count;
        var points = new ECPoint[k * perProof + sumPoints];
        for (var i = 0; i < k; i++)
            RangeProofs.Commitments(election, ballot.Ciphertexts[i], ballot.Proofs[i], points.AsSpan(i * perProof, perProof));
        RangeProofs.Commitments(election, sum, ballot.SumProof, points.AsSpan(k * perProof, sumPoints));
        P256.Curve.NormalizeAll(points);

        for (var i = 0; i < k; i++)
        {
            if (!RangeProofs.ChallengeMatches(election, i + 1, ballot.Ciphertexts[i], ballot.Proofs[i], points.AsSpan(i * perProof, perProof)))
                return BallotErrors.RangeProofInvalid;
        }
        return RangeProofs.ChallengeMatches(election, 0, sum, ballot.SumProof, points.AsSpan(k * perProof, sumPoints))
            ? null
            : BallotErrors.SumProofInvalid;
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
    public static string?[] VerifyBatch(IReadOnlyList<(Election Election, Ballot Ballot)> items, int maxDegreeOfParallelism = -1)
    {
        var results = new string?[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, items.Count, options, i => results[i] = Verify(items[i].Election, items[i].Ballot));
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

    /// <summary>(Σα_i, Σβ_i), normalized; null if either sum is infinity (it cannot be encoded for the sum proof).</summary>
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
