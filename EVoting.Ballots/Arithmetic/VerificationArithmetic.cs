namespace EVoting.Ballots.Arithmetic;

/// <summary>One statement a range proof makes: ciphertext (α, β) encrypts a value in [0..R], R = proof.Bound.</summary>
internal readonly record struct ProofStatement(Ciphertext Ciphertext, RangeProof Proof);

/// <summary>
/// The verifier's elliptic-curve work: recomputing the commitments
/// a_j = v_j·G + c_j·α, b_j = (v_j − j·c_j)·K + c_j·β of range proofs and encoding them for the
/// challenge hash. It is nearly all of a ballot's verification cost, so it has two backends:
/// OpenSSL's P-256 (libcrypto.so.3, assembler field arithmetic) where that library loads, and
/// BouncyCastle everywhere else. Both take decoded, already-validated values and produce the same
/// bytes; everything around them (decoding rules, hashing, rejection reasons) is shared code.
/// </summary>
internal abstract class VerificationArithmetic
{
    /// <summary>The backend <see cref="BallotVerifier"/> uses: OpenSSL when it loads and passes its self-test, else BouncyCastle.</summary>
    public static VerificationArithmetic Default { get; } = (VerificationArithmetic?)OpenSslArithmetic.TryCreate() ?? BouncyCastleArithmetic.Instance;

    /// <summary>Every backend that works on this machine, the default first (the benchmark times each).</summary>
    public static IReadOnlyList<VerificationArithmetic> Available { get; } =
        Default == BouncyCastleArithmetic.Instance ? [Default] : [Default, BouncyCastleArithmetic.Instance];

    public abstract string Name { get; }

    /// <summary>
    /// Writes each statement's commitments a_0, b_0, a_1, b_1, … as 33-byte compressed points,
    /// statement after statement, into <paramref name="into"/> (2·(R+1)·33 bytes per statement).
    /// A commitment that is the point at infinity has no encoding: it is written as 33 zero bytes,
    /// which no valid encoding can be (its prefix is 02 or 03), and the verifier rejects it.
    /// </summary>
    public abstract void EncodeCommitments(Election election, ReadOnlySpan<ProofStatement> statements, Span<byte> into);

    /// <summary>Number of commitments of these statements (two per branch of each proof).</summary>
    public static int CommitmentCount(ReadOnlySpan<ProofStatement> statements)
    {
        var count = 0;
        foreach (var statement in statements)
            count += 2 * statement.Proof.C.Count;
        return count;
    }
}
