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
    public void Summing_one_ballot_at_a_time_gives_the_batch_aggregate_and_refuses_a_ballot_of_another_shape()
    {
        var election = BallotFixtures.Election(candidates: 3);
        var ballots = Enumerable.Range(0, 7).Select(i => BallotEncryptor.EncryptChoice(election, i % 3 + 1)).ToArray();
        var running = new TallyAccumulator(election);
        var halves = (First: new TallyAccumulator(election), Second: new TallyAccumulator(election));
        for (var i = 0; i < ballots.Length; i++)
        {
            running.Add(ballots[i]);
            (i < 3 ? halves.First : halves.Second).Add(ballots[i]);
        }
        halves.First.Add(halves.Second);

        var batch = TallyAggregator.Aggregate(election, ballots);
        foreach (var sums in new[] { running.ToTally(), halves.First.ToTally() })
        {
            Assert.Equal(7, sums.BallotCount);
            Assert.Equal(batch.A, sums.A);
            Assert.Equal(batch.B, sums.B);
        }
        Assert.Equal([3L, 2L, 2L], TallyDecryptor.Decrypt(BallotFixtures.Key, election, running.ToTally()).Select(r => r.Count));

        var otherElection = new Election(election.Id + 1, election.PublicKey, 3);
        Assert.Throws<ArgumentException>(() => running.Add(BallotEncryptor.EncryptChoice(otherElection, 1)));
        Assert.Throws<ArgumentException>(() => running.Add(new TallyAccumulator(otherElection)));
        Assert.Throws<ArgumentException>(() => running.Add(BallotEncryptor.EncryptChoice(BallotFixtures.Election(candidates: 2), 1)));
        Assert.Equal(7, running.BallotCount);
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
