using EVoting.Ballots;
using Org.BouncyCastle.Math;
using Xunit;

namespace EVoting.Tests.Ballots;

public class TallyTests
{
    [Fact]
    public void Tally_of_encrypted_ballots_decrypts_to_the_counts_with_valid_proofs()
    {
        var election = BallotFixtures.Election(candidates: 3, maxSelections: 2);
        int[][] votes = [[1, 0, 0], [0, 1, 1], [1, 0, 1], [0, 0, 0], [1, 1, 0]];
        var ballots = votes.Select(v => BallotEncryptor.Encrypt(election, v)).ToArray();
        var tally = TallyAggregator.Aggregate(election, ballots);
        var result = TallyDecryptor.Decrypt(BallotFixtures.Key, election, tally);
        Assert.Equal([3L, 2L, 2L], result.Select(r => r.Count));
        Assert.All(result, r => Assert.Null(DecryptionVerifier.Verify(election, r)));
    }

    [Fact]
    public void Tally_of_no_ballots_is_zero_and_verifies()
    {
        var election = BallotFixtures.Election(candidates: 2);
        var tally = TallyAggregator.Aggregate(election, []);
        var result = TallyDecryptor.Decrypt(BallotFixtures.Key, election, tally);
        Assert.All(result, r => Assert.Equal(0, r.Count));
        Assert.All(result, r => Assert.Null(DecryptionVerifier.Verify(election, r)));
    }

    [Fact]
    public void Wrong_count_or_tampered_decryption_is_rejected()
    {
        var election = BallotFixtures.Election(candidates: 2);
        var ballots = new[] { BallotEncryptor.EncryptChoice(election, 1), BallotEncryptor.EncryptChoice(election, 1) };
        var result = TallyDecryptor.Decrypt(BallotFixtures.Key, election, TallyAggregator.Aggregate(election, ballots))[0];
        Assert.Equal(2, result.Count);
        Assert.Equal(BallotErrors.CountMismatch, DecryptionVerifier.Verify(election, result with { Count = 3 }));
        Assert.Equal(BallotErrors.DecryptionProofInvalid, DecryptionVerifier.Verify(election, result with { D = result.D.Add(election.Key).Normalize() }));
        Assert.Equal(BallotErrors.DecryptionProofInvalid, DecryptionVerifier.Verify(election, result with { V = result.V.Add(BigInteger.One) }));
        var other = new Election(8, election.PublicKey, 2);
        Assert.Equal(BallotErrors.DecryptionProofInvalid, DecryptionVerifier.Verify(other, result));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(99, 100)]
    [InlineData(100, 100)]
    [InlineData(12345, 100000)]
    public void Count_recovery_finds_every_count_in_range(long count, long max)
    {
        var key = BallotFixtures.Election().Key;
        var target = P256.MultiplyFixed(key, BigInteger.ValueOf(count));
        Assert.Equal(count, new CountRecovery(key, max).Solve(target));
    }

    [Fact]
    public void Count_recovery_reports_a_count_out_of_range()
    {
        var key = BallotFixtures.Election().Key;
        Assert.Null(new CountRecovery(key, 100).Solve(P256.MultiplyFixed(key, BigInteger.ValueOf(101))));
    }
}
