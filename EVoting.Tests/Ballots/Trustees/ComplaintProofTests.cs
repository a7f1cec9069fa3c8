using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

using Xunit;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// A complaint's shared point S = a_{ℓ,0}·R and its Chaum-Pedersen proof (docs/trustees.md "A complaint"), on fixed
/// coefficients and nonces (g = 3, q = 2, guardian 1 complaining about guardian 2's share): the valid proof verifies
/// and opens the share; a wrong S, another recipient ℓ, another sender, another round or ceremony are each refused
/// with the reason; and the judge finds each kind of bad share.
/// </summary>
public sealed class ComplaintProofTests
{
    private const int Round = 1;
    private static readonly CeremonyParameters Parameters = new(7, 3, 2);
    private static readonly GuardianPolynomial[] Polynomials = Enumerable.Range(1, 3)
        .Select(i => GuardianPolynomial.FromCoefficients(Parameters, i, [Scalar(100 + i), Scalar(200 + i)])).ToArray();
    private static readonly BigInteger AliceSecret = Polynomials[0].Secret;
    private static readonly ECPoint AliceKey = P256.MultiplyG(AliceSecret).Normalize();
    private static readonly ECPoint CarolKey = P256.MultiplyG(Polynomials[2].Secret).Normalize();
    private static readonly ECPoint[] BobCommitments = Polynomials[1].Coefficients.Select(a => P256.MultiplyG(a).Normalize()).ToArray();

    private static BigInteger Scalar(long x) => BigInteger.ValueOf(x).Multiply(BigInteger.ValueOf(0x1234567)).Add(BigInteger.ValueOf(x * x));

    /// <summary>Bob's share to Alice, carrying <paramref name="value"/> (his honest P_2(1) by default), with a fixed ephemeral r.</summary>
    private static EncryptedShare BobToAlice(BigInteger? value = null) =>
        EncryptedShare.Encrypt(Parameters, 2, 1, value ?? Polynomials[1].ShareFor(1), AliceKey, Scalar(77));

    private static ComplaintProof Prove(EncryptedShare share, int round = Round) =>
        ComplaintProof.Create(Parameters, round, share, AliceSecret, Scalar(55));

    /// <summary>The judge's finding, the plaintext as hex (arrays compare by reference).</summary>
    private static (string? Plaintext, ShareFault Fault) Judged(ComplaintProof proof, EncryptedShare share)
    {
        var (plain, fault) = proof.Judge(Parameters, share, BobCommitments);
        return (plain is null ? null : LowerHex.Encode(plain), fault);
    }

    private static string Hex(BigInteger x) => LowerHex.Encode(P256.EncodeScalar(x));

    [Fact]
    public void A_valid_proof_verifies_and_opens_the_share_it_is_about()
    {
        var share = BobToAlice();
        var proof = Prove(share);

        Assert.Null(proof.Verify(Parameters, Round, share, AliceKey));
        Assert.Equal(share.R.Multiply(AliceSecret).Normalize(), proof.SharedPoint);
        // The same inputs give the same proof; another nonce another (c, v), both valid.
        Assert.Equal(proof, Prove(share));
        var other = ComplaintProof.Create(Parameters, Round, share, AliceSecret, Scalar(56));
        Assert.NotEqual((proof.C, proof.V), (other.C, other.V));
        Assert.Null(other.Verify(Parameters, Round, share, AliceKey));
        Assert.Equal((Hex(Polynomials[1].ShareFor(1)), ShareFault.None), Judged(proof, share));
    }

    [Fact]
    public void The_proof_on_fixed_values_is_the_pinned_vector()
    {
        // Computed apart from this code, from the formula in docs/trustees.md "A complaint" (a plain P-256 and
        // expand_message_xmd in Python): a change to the hash's tag, order or encoding changes c and v.
        var proof = Prove(BobToAlice());
        Assert.Equal((
                "03ad9a543c2a803fef8f1d2364aba8724ef8f89b680a6b298cd01ed47013bfb01c",
                "3a91e4506d15614dc9530a18b7560fde6d670df4daf9f05abdf5cc19d015853f",
                "f1c4834f3e1bddaacf23fa2e8ee649770602663117791fd9fb2ca4c5510566aa"),
            (LowerHex.Encode(P256.Encode(proof.SharedPoint)), Hex(proof.C), Hex(proof.V)));
    }

    [Fact]
    public void A_wrong_shared_point_is_refused()
    {
        var share = BobToAlice();
        var proof = Prove(share);
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, (proof with { SharedPoint = proof.SharedPoint.Add(P256.G).Normalize() }).Verify(Parameters, Round, share, AliceKey));
        // S for another key (Carol's a_{3,0}·R) with Alice's proof, or proved with Carol's secret against Alice's key.
        var carols = ComplaintProof.Create(Parameters, Round, share, Polynomials[2].Secret, Scalar(55));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, (proof with { SharedPoint = carols.SharedPoint }).Verify(Parameters, Round, share, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, carols.Verify(Parameters, Round, share, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, (proof with { C = P256.Mod(proof.C.Add(BigInteger.One)) }).Verify(Parameters, Round, share, AliceKey));
        Assert.Equal(BallotErrors.ScalarOutOfRange, (proof with { V = P256.N }).Verify(Parameters, Round, share, AliceKey));
    }

    [Fact]
    public void A_proof_for_another_recipient_sender_round_or_ceremony_is_refused()
    {
        var share = BobToAlice();
        var proof = Prove(share);
        // The same R and S claimed as the share to guardian 3 (wrong ℓ), with Alice's or Carol's key.
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(Parameters, Round, share with { To = 3 }, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(Parameters, Round, share with { To = 3 }, CarolKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(Parameters, Round, share with { From = 3 }, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, Prove(share, round: 2).Verify(Parameters, Round, share, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(Parameters, 2, share, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(new CeremonyParameters(7, 4, 2), Round, share, AliceKey));
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(new CeremonyParameters(8, 3, 2), Round, share, AliceKey));
        // Another share's R (another ephemeral point): the proof was about this R only.
        Assert.Equal(TrusteeErrors.ComplaintProofInvalid, proof.Verify(Parameters, Round, share with { R = P256.MultiplyG(Scalar(78)).Normalize() }, AliceKey));
    }

    [Fact]
    public void The_judge_finds_a_wrong_value_a_ciphertext_that_does_not_decrypt_and_a_value_that_is_no_scalar()
    {
        var honest = Polynomials[1].ShareFor(1);
        var wrong = BobToAlice(P256.Mod(honest.Add(BigInteger.One)));
        Assert.Equal((Hex(P256.Mod(honest.Add(BigInteger.One))), ShareFault.Mismatch), Judged(Prove(wrong), wrong));

        var garbage = BobToAlice() with { Ciphertext = [.. BobToAlice().Ciphertext.Select((b, i) => i == 5 ? (byte)(b ^ 0x40) : b)] };
        var garbageProof = Prove(garbage);
        Assert.Null(garbageProof.Verify(Parameters, Round, garbage, AliceKey));
        Assert.Equal(((string?)null, ShareFault.Unreadable), Judged(garbageProof, garbage));

        var notScalar = BobToAlice(P256.N.Add(BigInteger.Two));
        Assert.Equal((Hex(P256.N.Add(BigInteger.Two)), ShareFault.NotAScalar), Judged(Prove(notScalar), notScalar));
        Assert.Null(notScalar.Decrypt(Parameters, AliceSecret));
    }
}
