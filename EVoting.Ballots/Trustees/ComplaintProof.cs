using System.Buffers.Binary;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// What guardian ℓ publishes to complain about the share guardian i sent it (docs/trustees.md "A complaint"): the
/// shared point S = a_{ℓ,0}·R of that share (R its posted ephemeral point) with a Chaum-Pedersen proof (c, v) that
/// log_G K_{ℓ,0} = log_R S. With S anyone derives the share's key exactly as step 2 does, decrypts the posted
/// ciphertext and judges the complaint (<see cref="Judge"/>), with no secret and no trust in what ℓ claims the share is.
/// </summary>
public sealed record ComplaintProof(ECPoint SharedPoint, BigInteger C, BigInteger V)
{
    public const byte ProofTag = 0x11;

    /// <summary>Guardian ℓ (secret a_{ℓ,0}) complains about <paramref name="share"/> (to ℓ) in ceremony round <paramref name="round"/>.</summary>
    public static ComplaintProof Create(CeremonyParameters ceremony, int round, EncryptedShare share, BigInteger recipientSecret) =>
        Create(ceremony, round, share, recipientSecret, P256.RandomNonZeroScalar());

    /// <summary>With a supplied proof nonce (deterministic tests only).</summary>
    internal static ComplaintProof Create(CeremonyParameters ceremony, int round, EncryptedShare share, BigInteger recipientSecret, BigInteger u)
    {
        var recipientKey = P256.MultiplyG(recipientSecret).Normalize();
        var shared = share.SharedPoint(recipientSecret);
        var (c, v) = ChaumPedersen.Prove(recipientSecret, share.R, u, (a, b) => ChallengeFor(ceremony, round, share, recipientKey, a, b, shared));
        return new ComplaintProof(shared, c, v);
    }

    /// <summary>
    /// Null when the proof shows that S is a_{ℓ,0}·R for the recipient's K_{ℓ,0} = <paramref name="recipientKey"/>, for
    /// this share (its sender i, recipient ℓ and R) in this ceremony (H_P) and round; else why not.
    /// </summary>
    public string? Verify(CeremonyParameters ceremony, int round, EncryptedShare share, ECPoint recipientKey)
    {
        if (!ChaumPedersen.IsScalar(C) || !ChaumPedersen.IsScalar(V))
            return BallotErrors.ScalarOutOfRange;
        if (SharedPoint.IsInfinity || share.R.IsInfinity || recipientKey.IsInfinity)
            return BallotErrors.PointInfinity;
        return ChaumPedersen.Verify(recipientKey, share.R, SharedPoint, C, V, (a, b) => ChallengeFor(ceremony, round, share, recipientKey, a, b, SharedPoint))
            ? null
            : TrusteeErrors.ComplaintProofInvalid;
    }

    /// <summary>
    /// The complaint judged from public values, once <see cref="Verify"/> holds: the share's plaintext under S's key
    /// (null: the GCM tag fails) and its fault. Upheld for any fault: the sender posted a ciphertext that does not
    /// decrypt, or a value that is no scalar or fails its commitments; refused (<see cref="ShareFault.None"/>) when the
    /// share matches P_i(ℓ)·G = Σ_j ℓ^j·K_{i,j}.
    /// </summary>
    public (byte[]? Plaintext, ShareFault Fault) Judge(CeremonyParameters ceremony, EncryptedShare share, IReadOnlyList<ECPoint> senderCommitments)
    {
        if (share.Open(ceremony, SharedPoint) is not { } plain)
            return (null, ShareFault.Unreadable);
        if (!P256.TryDecodeScalar(plain, out var value, out _))
            return (plain, ShareFault.NotAScalar);
        return (plain, GuardianPolynomial.ShareMatches(value, share.To, senderCommitments) ? ShareFault.None : ShareFault.Mismatch);
    }

    /// <summary>Hq(H_P ‖ 0x11 ‖ u32be(round) ‖ u32be(i) ‖ u32be(ℓ) ‖ enc(K_{ℓ,0}) ‖ enc(R) ‖ enc(a) ‖ enc(b) ‖ enc(S)), tally encoding (infinity = 00).</summary>
    private static BigInteger ChallengeFor(CeremonyParameters ceremony, int round, EncryptedShare share, ECPoint recipientKey, ECPoint a, ECPoint b, ECPoint shared)
    {
        using var stream = new MemoryStream();
        stream.Write(ceremony.Hash);
        stream.WriteByte(ProofTag);
        Span<byte> index = stackalloc byte[4];
        foreach (var number in new[] { round, share.From, share.To })
        {
            BinaryPrimitives.WriteUInt32BigEndian(index, (uint)number);
            stream.Write(index);
        }
        foreach (var point in new[] { recipientKey, share.R, a, b, shared })
            stream.Write(P256.EncodeTally(point));
        return Challenge.Hq(stream.ToArray());
    }
}

/// <summary>What a complaint's judge finds wrong with a share (<see cref="ComplaintProof.Judge"/>); None: the share is honest.</summary>
public enum ShareFault
{
    None,
    Unreadable,
    NotAScalar,
    Mismatch,
}
