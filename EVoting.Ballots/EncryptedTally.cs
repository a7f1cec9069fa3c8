using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>The homomorphic sums A_i = Σα_i, B_i = Σβ_i over the counted ballots (infinity when there are none).</summary>
public sealed record EncryptedTally(IReadOnlyList<ECPoint> A, IReadOnlyList<ECPoint> B, long BallotCount);

/// <summary>Sums ballots' ciphertexts per candidate. Callers pass only ballots already verified and final.</summary>
public static class TallyAggregator
{
    public static EncryptedTally Aggregate(Election election, IReadOnlyList<Ballot> ballots, int maxDegreeOfParallelism = -1)
    {
        var k = election.Candidates;
        foreach (var ballot in ballots)
        {
            if (ballot.ElectionId != election.Id)
                throw new ArgumentException(BallotErrors.WrongElection, nameof(ballots));
            if (ballot.Ciphertexts.Count != k)
                throw new ArgumentException(BallotErrors.WrongCandidateCount, nameof(ballots));
        }
        // Partial sums per chunk (projective, mixed additions of affine ciphertext points), then combined.
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, ballots.Count / 1024));
        var partials = new ECPoint[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, chunk =>
        {
            var sums = Enumerable.Repeat(P256.Infinity, 2 * k).ToArray();
            for (var b = chunk; b < ballots.Count; b += chunks)
            {
                var cts = ballots[b].Ciphertexts;
                for (var i = 0; i < k; i++)
                {
                    sums[2 * i] = sums[2 * i].Add(cts[i].Alpha);
                    sums[2 * i + 1] = sums[2 * i + 1].Add(cts[i].Beta);
                }
            }
            partials[chunk] = sums;
        });
        var total = Enumerable.Repeat(P256.Infinity, 2 * k).ToArray();
        foreach (var sums in partials)
        {
            for (var i = 0; i < 2 * k; i++)
                total[i] = total[i].Add(sums[i]);
        }
        total = total.Select(p => p.Normalize()).ToArray();
        return new EncryptedTally(
            Enumerable.Range(0, k).Select(i => total[2 * i]).ToArray(),
            Enumerable.Range(0, k).Select(i => total[2 * i + 1]).ToArray(),
            ballots.Count);
    }
}
