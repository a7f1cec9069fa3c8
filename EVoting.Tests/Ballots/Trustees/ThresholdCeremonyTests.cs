using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;

using Xunit;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>
/// The guardians' key ceremony and threshold decryption (docs/trustees.md) run in-process with g = 3, q = 2:
/// commitments and their proofs, encrypted shares checked against the commitments, the joint key, partial
/// decryptions, and the combination of every 2-guardian subset; and what must fail.
/// </summary>
public sealed class ThresholdCeremonyTests
{
    private const ulong ElectionId = 42;

    /// <summary>A completed ceremony: each guardian's polynomial and secret share s_ℓ, and the public result.</summary>
    private sealed record Ceremony(CeremonyParameters Parameters, GuardianPolynomial[] Polynomials, BigInteger[] SecretShares, CeremonyResult Result)
    {
        public Election Election(int candidates) => new(ElectionId, P256.Encode(Result.ElectionKey), candidates);
    }

    private static Ceremony Run(int guardians, int quorum)
    {
        var parameters = new CeremonyParameters(ElectionId, guardians, quorum);
        var polynomials = Enumerable.Range(1, guardians).Select(i => GuardianPolynomial.Generate(parameters, i)).ToArray();
        var commitments = polynomials.Select(p => p.Commit()).ToArray();
        var result = CeremonyResult.FromCommitments(parameters, commitments);
        var shares = new BigInteger[guardians];
        for (var to = 1; to <= guardians; to++)
        {
            var sum = BigInteger.Zero;
            for (var from = 1; from <= guardians; from++)
            {
                var share = polynomials[from - 1].ShareFor(to);
                if (from != to)
                {
                    // Through the public relay: encrypted to K_{to,0}, read with a_{to,0}, checked against the sender's commitments.
                    var envelope = EncryptedShare.Encrypt(parameters, from, to, share, commitments[to - 1][0].Commitment);
                    share = envelope.Decrypt(parameters, polynomials[to - 1].Secret) ?? throw new InvalidOperationException("share unreadable");
                }
                Assert.True(GuardianPolynomial.ShareMatches(share, to, commitments[from - 1].Select(c => c.Commitment).ToArray()));
                sum = P256.Mod(sum.Add(share));
            }
            shares[to - 1] = sum;
        }
        return new Ceremony(parameters, polynomials, shares, result);
    }

    private static (Election Election, EncryptedTally Tally) Votes(Ceremony ceremony, int[][] votes)
    {
        var election = ceremony.Election(votes[0].Length);
        var ballots = votes.Select(v => BallotEncryptor.Encrypt(election, v)).ToArray();
        return (election, TallyAggregator.Aggregate(election, ballots));
    }

    private static PartialDecryption Partial(Ceremony ceremony, Election election, EncryptedTally tally, int guardian, int candidate) =>
        PartialDecryption.Create(election, guardian, ceremony.SecretShares[guardian - 1], ceremony.Result.VerificationKey(guardian), tally.A[candidate], tally.B[candidate]);

    [Fact]
    public void Every_secret_share_matches_its_public_verification_key_and_the_joint_key_is_the_sum_of_the_guardians_keys()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        for (var l = 1; l <= 3; l++)
            Assert.Equal(ceremony.Result.VerificationKey(l), P256.MultiplyG(ceremony.SecretShares[l - 1]).Normalize());
        var s = ceremony.Polynomials.Aggregate(BigInteger.Zero, (acc, p) => P256.Mod(acc.Add(p.Secret)));
        Assert.Equal(ceremony.Result.ElectionKey, P256.MultiplyG(s).Normalize());
    }

    [Fact]
    public void Any_two_of_three_guardians_decrypt_the_tally_to_the_same_verified_counts()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        var (election, tally) = Votes(ceremony, [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 1]]);
        foreach (var set in new[] { new[] { 1, 2 }, [1, 3], [2, 3] })
        {
            var shares = Enumerable.Range(0, 3).Select(c => (IReadOnlyList<PartialDecryption>)set.Select(g => Partial(ceremony, election, tally, g, c)).ToArray()).ToArray();
            var results = ThresholdTally.Combine(election, ceremony.Result, tally, shares);
            Assert.Equal([2L, 1L, 1L], results.Select(r => r.Count));
            Assert.All(results, r => Assert.Equal(set, r.Set));
            Assert.All(results, r => Assert.Null(ThresholdTally.Verify(election, ceremony.Result, r)));
        }
    }

    [Fact]
    public void An_absent_guardian_does_not_stop_the_tally_and_a_bad_share_is_passed_over()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        var (election, tally) = Votes(ceremony, [[0, 1], [0, 1], [1, 0]]);
        var shares = Enumerable.Range(0, 2).Select(c =>
        {
            var forged = Partial(ceremony, election, tally, 1, c) with { M = P256.MultiplyG(BigInteger.ValueOf(7)).Normalize() };
            return (IReadOnlyList<PartialDecryption>)[forged, Partial(ceremony, election, tally, 2, c), Partial(ceremony, election, tally, 3, c)];
        }).ToArray();
        var results = ThresholdTally.Combine(election, ceremony.Result, tally, shares);
        Assert.Equal([1L, 2L], results.Select(r => r.Count));
        Assert.All(results, r => Assert.Equal([2, 3], r.Set));
    }

    [Fact]
    public void One_guardian_alone_decrypts_nothing_usable_and_the_tally_is_refused()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        var (election, tally) = Votes(ceremony, [[1, 0], [1, 0], [0, 1]]);
        var alone = Partial(ceremony, election, tally, 1, 0);
        Assert.Null(alone.Verify(election, ceremony.Result.VerificationKey(1), tally.A[0], tally.B[0]));
        // Its share treated as the whole decryption does not give any count in range.
        Assert.Null(new CountRecovery(election.Key, tally.BallotCount).Solve(tally.B[0].Subtract(alone.M)));
        var error = Assert.Throws<BallotFormatException>(() => ThresholdTally.Combine(election, ceremony.Result, tally,
            [[alone], [Partial(ceremony, election, tally, 1, 1)]]));
        Assert.Equal(TrusteeErrors.TooFewShares, error.Reason);
    }

    [Fact]
    public void A_forged_count_or_a_decryption_with_another_key_fails_verification()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        var (election, tally) = Votes(ceremony, [[1, 0], [0, 1], [0, 1]]);
        var shares = Enumerable.Range(0, 2).Select(c => (IReadOnlyList<PartialDecryption>)[Partial(ceremony, election, tally, 1, c), Partial(ceremony, election, tally, 3, c)]).ToArray();
        var honest = ThresholdTally.Combine(election, ceremony.Result, tally, shares)[0];

        Assert.Equal(BallotErrors.CountMismatch, ThresholdTally.Verify(election, ceremony.Result, honest with { Count = honest.Count + 1 }));
        // A share made with a secret the verifier's K*_ℓ does not belong to (an operator's own key).
        var chosen = P256.RandomNonZeroScalar();
        var impostor = PartialDecryption.Create(election, 1, chosen, P256.MultiplyG(chosen).Normalize(), honest.A, honest.B);
        Assert.Equal(TrusteeErrors.PartialDecryptionInvalid,
            ThresholdTally.Verify(election, ceremony.Result, honest with { Shares = [impostor, honest.Shares[1]] }));
        Assert.Equal(TrusteeErrors.TooFewShares, ThresholdTally.Verify(election, ceremony.Result, honest with { Set = [1] }));
        Assert.Equal(TrusteeErrors.DuplicateGuardian, ThresholdTally.Verify(election, ceremony.Result, honest with { Set = [1, 1] }));
    }

    [Fact]
    public void A_single_trustee_ceremony_is_todays_single_key()
    {
        var ceremony = Run(guardians: 1, quorum: 1);
        Assert.Equal(ceremony.Result.ElectionKey, ceremony.Result.VerificationKey(1));
        Assert.Equal(ceremony.Polynomials[0].Secret, ceremony.SecretShares[0]);
        Assert.Equal(BigInteger.One, LagrangeCombination.Coefficient(1, [1]));
        var (election, tally) = Votes(ceremony, [[0, 1, 0], [0, 1, 0]]);
        var shares = Enumerable.Range(0, 3).Select(c => (IReadOnlyList<PartialDecryption>)[Partial(ceremony, election, tally, 1, c)]).ToArray();
        Assert.Equal([0L, 2L, 0L], ThresholdTally.Combine(election, ceremony.Result, tally, shares).Select(r => r.Count));
    }

    [Fact]
    public void A_tampered_share_a_proof_moved_to_another_index_and_a_share_read_with_the_wrong_key_are_refused()
    {
        var parameters = new CeremonyParameters(ElectionId, 3, 2);
        var polynomials = Enumerable.Range(1, 3).Select(i => GuardianPolynomial.Generate(parameters, i)).ToArray();
        var commitments = polynomials.Select(p => p.Commit()).ToArray();
        var senderPoints = commitments[0].Select(c => c.Commitment).ToArray();

        Assert.False(GuardianPolynomial.ShareMatches(P256.Mod(polynomials[0].ShareFor(2).Add(BigInteger.One)), 2, senderPoints));
        Assert.False(GuardianPolynomial.ShareMatches(polynomials[0].ShareFor(2), 3, senderPoints));

        var moved = commitments[0][1] with { Index = 0 };
        Assert.Equal(TrusteeErrors.CoefficientProofInvalid, moved.Verify(parameters));
        var otherGuardian = commitments[0][0] with { Guardian = 2 };
        Assert.Equal(TrusteeErrors.CoefficientProofInvalid, otherGuardian.Verify(parameters));
        var otherElection = new CeremonyParameters(ElectionId + 1, 3, 2);
        Assert.Equal(TrusteeErrors.CoefficientProofInvalid, commitments[0][0].Verify(otherElection));
        var swapped = commitments.ToArray();
        swapped[0] = [commitments[0][0], moved];
        Assert.Throws<BallotFormatException>(() => CeremonyResult.FromCommitments(parameters, swapped));

        var envelope = EncryptedShare.Encrypt(parameters, 1, 2, polynomials[0].ShareFor(2), commitments[1][0].Commitment);
        Assert.Equal(polynomials[0].ShareFor(2), envelope.Decrypt(parameters, polynomials[1].Secret));
        Assert.Null(envelope.Decrypt(parameters, polynomials[2].Secret));
        Assert.Null((envelope with { To = 3 }).Decrypt(parameters, polynomials[1].Secret)); // the indices are bound in
        var flipped = envelope.Ciphertext.ToArray();
        flipped[0] ^= 1;
        Assert.Null((envelope with { Ciphertext = flipped }).Decrypt(parameters, polynomials[1].Secret));
    }

    [Fact]
    public void A_challenged_ballot_opens_to_its_selections_and_a_wrong_nonce_or_choice_is_caught()
    {
        var ceremony = Run(guardians: 3, quorum: 2);
        var election = ceremony.Election(3);
        var randomness = BallotRandomness.Random(3, 1);
        int[] selections = [0, 1, 0];
        var ballot = BallotEncryptor.EncryptDeterministic(election, selections, randomness);
        var challenged = new ChallengedBallot(ballot, selections, randomness.Xi);
        Assert.Null(challenged.Verify(election));
        Assert.Equal(TrusteeErrors.SpoiledNonceMismatch, (challenged with { Selections = [1, 0, 0] }).Verify(election));
        Assert.Equal(TrusteeErrors.SpoiledNonceMismatch,
            (challenged with { Nonces = [randomness.Xi[0], P256.Mod(randomness.Xi[1].Add(BigInteger.One)), randomness.Xi[2]] }).Verify(election));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 3)]
    [InlineData(256, 2)]
    public void Impossible_guardian_and_quorum_counts_are_refused(int guardians, int quorum)
    {
        Assert.Throws<ArgumentException>(() => new CeremonyParameters(1, guardians, quorum));
    }

}
