using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>The homomorphic sums A_i = Σα_i, B_i = Σβ_i over the counted ballots (infinity when there are none).</summary>
public sealed record EncryptedTally(IReadOnlyList<ECPoint> A, IReadOnlyList<ECPoint> B, long BallotCount);

/// <summary>Sums ballots' ciphertexts per candidate. Callers pass only ballots already verified and final.</summary>
public static class TallyAggregator
{
    public static EncryptedTally Aggregate(Election election, IReadOnlyList<Ballot> ballots, int maxDegreeOfParallelism = -1)
    {
        foreach (var ballot in ballots)
            TallyAccumulator.CheckFits(election, ballot, nameof(ballots));
        // Partial sums per chunk, then combined.
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, ballots.Count / 1024));
        var partials = new TallyAccumulator[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, chunk =>
        {
            var sums = new TallyAccumulator(election);
            for (var b = chunk; b < ballots.Count; b += chunks)
                sums.Add(ballots[b]);
            partials[chunk] = sums;
        });
        var total = new TallyAccumulator(election);
        foreach (var sums in partials)
            total.Add(sums);
        return total.ToTally();
    }
}

/// <summary>
/// Running sums of one election's ballots, one ballot at a time: projective points, normalized
/// only when read. An auditor following a chain keeps one per election instead of every decoded
/// ballot (~8 KB each for 5 candidates), so its memory does not grow with the votes.
/// </summary>
public sealed class TallyAccumulator
{
    private readonly Election _election;
    private readonly ECPoint[] _sums; // A_1, B_1, A_2, B_2, …

    public TallyAccumulator(Election election)
    {
        _election = election;
        _sums = Enumerable.Repeat(P256.Infinity, 2 * election.Candidates).ToArray();
    }

    public long BallotCount { get; private set; }

    public void Add(Ballot ballot)
    {
        CheckFits(_election, ballot, nameof(ballot));
        var cts = ballot.Ciphertexts;
        for (var i = 0; i < cts.Count; i++)
        {
            _sums[2 * i] = _sums[2 * i].Add(cts[i].Alpha);
            _sums[2 * i + 1] = _sums[2 * i + 1].Add(cts[i].Beta);
        }
        BallotCount++;
    }

    public void Add(TallyAccumulator other)
    {
        if (other._election.Id != _election.Id)
            throw new ArgumentException(BallotErrors.WrongElection, nameof(other));
        for (var i = 0; i < _sums.Length; i++)
            _sums[i] = _sums[i].Add(other._sums[i]);
        BallotCount += other.BallotCount;
    }

    public EncryptedTally ToTally()
    {
        var k = _election.Candidates;
        var total = _sums.Select(p => p.Normalize()).ToArray();
        return new EncryptedTally(
            Enumerable.Range(0, k).Select(i => total[2 * i]).ToArray(),
            Enumerable.Range(0, k).Select(i => total[2 * i + 1]).ToArray(),
            BallotCount);
    }

    internal static void CheckFits(Election election, Ballot ballot, string parameter)
    {
        if (ballot.ElectionId != election.Id)
            throw new ArgumentException(BallotErrors.WrongElection, parameter);
        if (ballot.Ciphertexts.Count != election.Candidates)
            throw new ArgumentException(BallotErrors.WrongCandidateCount, parameter);
    }
}
