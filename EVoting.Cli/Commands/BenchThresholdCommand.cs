using System.CommandLine;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting bench threshold --ballots N --candidates K --guardians G --quorum Q`: the API's part of a threshold tally of N
/// ballots (docs/trustees.md, docs/benchmarks.md) once the ballots are summed: verifying the posted partial decryptions,
/// the Lagrange combination and the baby-step giant-step search for each count in [0, N]; and, apart, what each guardian
/// computes (its M_ℓ with proofs) and what an auditor's check of the published record costs. The aggregates are made
/// directly from random counts and nonces (A = R·G, B = (T + R)·K): summing N real ballots is `bench ballots`' tally figure.
/// </summary>
public static class BenchThresholdCommand
{
    public static Command Create()
    {
        var ballots = new Option<int>("--ballots") { Description = "Ballots the aggregates stand for (the counts' range)", DefaultValueFactory = _ => 100_000 };
        var candidates = new Option<int>("--candidates") { Description = "Candidates", DefaultValueFactory = _ => 5 };
        var guardians = new Option<int>("--guardians") { Description = "g", DefaultValueFactory = _ => 3 };
        var quorum = new Option<int>("--quorum") { Description = "q", DefaultValueFactory = _ => 2 };
        var command = new Command("threshold", "Time a threshold tally: partial decryptions, combination and count recovery") { ballots, candidates, guardians, quorum };
        command.SetAction(parse =>
        {
            var (n, k, g, q) = (parse.GetValue(ballots), parse.GetValue(candidates), parse.GetValue(guardians), parse.GetValue(quorum));
            if (n < 1 || k is < 1 or > 64 || q < 1 || q > g || g > 255)
            {
                parse.InvocationConfiguration.Error.WriteLine("need --ballots ≥ 1, --candidates in [1, 64], 1 ≤ --quorum ≤ --guardians ≤ 255");
                return CliApp.UsageError;
            }
            Run(parse.InvocationConfiguration.Output, n, k, g, q);
            return 0;
        });
        return command;
    }

    private static void Run(TextWriter output, int n, int k, int g, int q)
    {
        output.WriteLine($"threshold tally: {n} ballots, {k} candidates, g = {g}, q = {q}; load average {LoadAverage()}");
        var parameters = new CeremonyParameters(1, g, q);
        var polynomials = Enumerable.Range(1, g).Select(i => GuardianPolynomial.Generate(parameters, i)).ToArray();
        var ceremony = CeremonyResult.FromCommitments(parameters, polynomials.Select(p => p.Commit()).ToArray());
        var election = new Election(1, P256.Encode(ceremony.ElectionKey), k);
        var shares = Enumerable.Range(1, g).Select(l => polynomials.Aggregate(BigInteger.Zero, (s, p) => P256.Mod(s.Add(p.ShareFor(l))))).ToArray();

        // Counts that add up to at most n, the largest one first so BSGS searches near the top of its range.
        var counts = Enumerable.Range(0, k).Select(i => i == 0 ? (long)n / 2 : n / (2L * k)).ToArray();
        var nonces = Enumerable.Range(0, k).Select(_ => P256.RandomNonZeroScalar()).ToArray();
        var tally = new EncryptedTally(
            nonces.Select(r => P256.MultiplyG(r).Normalize()).ToArray(),
            nonces.Select((r, i) => P256.MultiplyFixed(election.Key, P256.Mod(r.Add(BigInteger.ValueOf(counts[i]))))).Select(p => p.Normalize()).ToArray(),
            n);

        var timer = new BenchTimer();
        var posted = Enumerable.Range(0, k).Select(i => (IReadOnlyList<PartialDecryption>)Enumerable.Range(1, q)
            .Select(l => PartialDecryption.Create(election, l, shares[l - 1], ceremony.VerificationKey(l), tally.A[i], tally.B[i])).ToArray()).ToArray();
        timer.Report(output, $"{q} guardians' partial decryptions with proofs", k * q, "share");

        timer.Restart();
        var results = ThresholdTally.Combine(election, ceremony, tally, posted);
        var combine = timer.Elapsed;
        timer.Report(output, "the API's combination (verify every share, Lagrange, BSGS in [0, N])", k, "candidate");
        if (!results.Select(r => r.Count).SequenceEqual(counts))
            throw new InvalidOperationException("the recovered counts differ from the ones encrypted");

        timer.Restart();
        foreach (var result in results)
        {
            if (ThresholdTally.Verify(election, ceremony, result) is { } reason)
                throw new InvalidOperationException(reason);
        }
        timer.Report(output, "an auditor's check of the published record (no BSGS)", k, "candidate");
        output.WriteLine($"total combination for {k} candidates over {n} ballots: {combine.TotalSeconds:F2} s");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
