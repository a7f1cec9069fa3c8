using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>One candidate's published decryption: D = s·A, proof (c, v), and the count T with T·K = B − D.</summary>
public sealed record CandidateDecryption(ECPoint A, ECPoint B, ECPoint D, BigInteger C, BigInteger V, long Count);

/// <summary>Decrypts the sums (never single ballots) and proves each decryption (Chaum-Pedersen).</summary>
public static class TallyDecryptor
{
    public static IReadOnlyList<CandidateDecryption> Decrypt(ElectionKeyPair key, Election election, EncryptedTally tally) =>
        Decrypt(key, election, tally, P256.RandomNonZeroScalar);

    /// <summary>With supplied proof nonces (deterministic test vectors only).</summary>
    internal static IReadOnlyList<CandidateDecryption> Decrypt(ElectionKeyPair key, Election election, EncryptedTally tally, Func<BigInteger> nonce)
    {
        if (!key.PublicKey.AsSpan().SequenceEqual(election.PublicKey))
            throw new ArgumentException("the key pair is not this election's key", nameof(key));
        var recovery = new CountRecovery(election.Key, tally.BallotCount);
        var results = new CandidateDecryption[election.Candidates];
        for (var i = 0; i < election.Candidates; i++)
        {
            var a = tally.A[i];
            var b = tally.B[i];
            var d = Multiply(a, key.Secret);
            var (c, v) = Prove(election, key.Secret, a, b, d, nonce());
            var count = recovery.Solve(b.Subtract(d))
                ?? throw new InvalidOperationException($"candidate {i + 1}: count is not in [0, {tally.BallotCount}]; the aggregate includes something other than valid ballots");
            results[i] = new CandidateDecryption(a, b, d, c, v, count);
        }
        return results;
    }

    private static (BigInteger C, BigInteger V) Prove(Election election, BigInteger secret, ECPoint a, ECPoint b, ECPoint d, BigInteger u) =>
        ChaumPedersen.Prove(secret, a, u, (commitG, commitA) => Challenge.Decryption(election.Hash, election.Key, a, b, commitG, commitA, d));

    /// <summary>Secret multiplication with the regular comb; a fresh base per candidate sum.</summary>
    private static ECPoint Multiply(ECPoint p, BigInteger secret) =>
        p.IsInfinity ? P256.Infinity : P256.MultiplyFixed(p, secret).Normalize();
}

/// <summary>Checks a published decryption: the proof, then T·K = B − D. No discrete log needed.</summary>
public static class DecryptionVerifier
{
    public static string? Verify(Election election, CandidateDecryption decryption)
    {
        var (a, b, d, c, v) = (decryption.A, decryption.B, decryption.D, decryption.C, decryption.V);
        if (!ChaumPedersen.IsScalar(c) || !ChaumPedersen.IsScalar(v))
            return BallotErrors.ScalarOutOfRange;
        if (!ChaumPedersen.Verify(election.Key, a, d, c, v, (commitG, commitA) => Challenge.Decryption(election.Hash, election.Key, a, b, commitG, commitA, d)))
            return BallotErrors.DecryptionProofInvalid;
        if (decryption.Count < 0)
            return BallotErrors.CountMismatch;
        var expected = P256.MultiplyFixed(election.Key, BigInteger.ValueOf(decryption.Count));
        return expected.Equals(b.Subtract(d)) ? null : BallotErrors.CountMismatch;
    }
}
