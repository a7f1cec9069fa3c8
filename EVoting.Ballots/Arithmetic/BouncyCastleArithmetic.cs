using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Arithmetic;

/// <summary>
/// The portable backend: BouncyCastle's <c>SumOfTwoMultiplies</c> (wNAF; the tables for G and each
/// election key are cached on those point instances, each ciphertext point's table is shared by
/// both of its terms), then one field inversion for all commitments (<c>NormalizeAll</c>).
/// </summary>
internal sealed class BouncyCastleArithmetic : VerificationArithmetic
{
    public static BouncyCastleArithmetic Instance { get; } = new();

    private BouncyCastleArithmetic()
    {
    }

    public override string Name => "BouncyCastle";

    public override void EncodeCommitments(Election election, ReadOnlySpan<ProofStatement> statements, Span<byte> into)
    {
        var points = new ECPoint[CommitmentCount(statements)];
        var at = 0;
        foreach (var (ct, proof) in statements)
        {
            for (var j = 0; j < proof.C.Count; j++)
            {
                points[at++] = P256.SumOfTwo(P256.G, proof.V[j], ct.Alpha, proof.C[j]);
                points[at++] = P256.SumOfTwo(election.Key, RangeProofs.KeyScalar(proof, j), ct.Beta, proof.C[j]);
            }
        }
        P256.EncodeCommitments(points, into);
    }
}
