using System.CommandLine;
using System.Diagnostics;
using EVoting.Ballots;
using EVoting.Ballots.Arithmetic;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting bench ballots`: times encrypt+prove, verify (one core and all cores, with each
/// verification backend available here), aggregation of many ballots, and decrypt + prove + count.
/// Prints figures; docs/benchmarks.md records them.
/// </summary>
public static class BenchBallotsCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (print figures; run on a quiet machine)");
        var ballots = new Command("ballots", "Ballot cryptography: encrypt, verify, batch verify, aggregate, decrypt");
        var candidates = new Option<int>("--candidates") { Description = "Candidates per ballot", DefaultValueFactory = _ => 5 };
        var count = new Option<int>("--ballots") { Description = "Ballots to encrypt and verify", DefaultValueFactory = _ => 400 };
        var tally = new Option<int>("--tally-ballots") { Description = "Ballots in the aggregation/tally run", DefaultValueFactory = _ => 100_000 };
        ballots.Options.Add(candidates);
        ballots.Options.Add(count);
        ballots.Options.Add(tally);
        ballots.SetAction(parse =>
        {
            var k = parse.GetValue(candidates);
            var n = parse.GetValue(count);
            var t = parse.GetValue(tally);
            if (k < 1 || n < 1 || t < 1)
            {
                Console.Error.WriteLine("--candidates, --ballots and --tally-ballots must be positive");
                return 2;
            }
            Run(k, n, t, Console.Out);
            return 0;
        });
        bench.Subcommands.Add(ballots);
        return bench;
    }

    public static void Run(int k, int n, int tallyBallots, TextWriter output)
    {
        var key = ElectionKeyPair.Generate();
        var election = new Election(1, key.PublicKey, k, 1);
        output.WriteLine($"ballot benchmark: {k} candidates, L = 1, {n} ballots, {Environment.ProcessorCount} logical cores; " +
            $"verification backend in use: {BallotVerifier.Backend}");

        // Warm up encryption (JIT, BouncyCastle's comb tables for G and K).
        for (var i = 0; i < 20; i++)
            BallotEncryptor.EncryptChoice(election, 1 + i % k);

        var sw = new BenchTimer();
        var made = new Ballot[n];
        for (var i = 0; i < n; i++)
            made[i] = BallotEncryptor.EncryptChoice(election, i % (k + 1));
        Report(output, "encrypt+prove (one core)", sw, n);

        var items = made.Select(b => (election, b)).ToArray();
        foreach (var backend in VerificationArithmetic.Available)
        {
            // Warm up (JIT, the backend's tables for G and K).
            foreach (var ballot in made.Take(20))
                BallotVerifier.Verify(election, ballot, backend);
            sw.Restart();
            foreach (var ballot in made)
            {
                if (BallotVerifier.Verify(election, ballot, backend) is { } error)
                    throw new InvalidOperationException(error);
            }
            Report(output, $"{backend.Name}: verify, one at a time (one core)", sw, n);
            sw.Restart();
            var results = BallotVerifier.VerifyBatch(items, backend, 1);
            Report(output, $"{backend.Name}: verify batch, parallelism 1", sw, n);
            sw.Restart();
            results = BallotVerifier.VerifyBatch(items, backend);
            Report(output, $"{backend.Name}: verify batch, all {Environment.ProcessorCount} cores", sw, n);
            if (results.Any(r => r is not null))
                throw new InvalidOperationException("a valid ballot failed batch verification");
        }

        var wire = made.Take(Math.Min(n, 2000)).Select(b => (BallotWire.EncodeCiphertexts(b), BallotWire.EncodeProof(b))).ToArray();
        sw.Restart();
        foreach (var (vote, proof) in wire)
            BallotWire.Decode(1, vote, proof, k, 1);
        Report(output, "decode wire form (points + scalars)", sw, wire.Length);

        RunTally(output, key, election, tallyBallots);
    }

    private static void RunTally(TextWriter output, ElectionKeyPair key, Election election, int count)
    {
        var k = election.Candidates;
        var expected = new long[k];
        var ballots = SyntheticBallots(election, count, expected);
        var sw = new BenchTimer();
        var tally = TallyAggregator.Aggregate(election, ballots, 1);
        output.WriteLine($"  aggregate {count:N0} ballots x {k}, one core: wall {sw.Elapsed.TotalMilliseconds:F0} ms, cpu {sw.Cpu.TotalMilliseconds:F0} ms");
        sw.Restart();
        tally = TallyAggregator.Aggregate(election, ballots);
        output.WriteLine($"  aggregate {count:N0} ballots x {k}, all cores: {sw.Elapsed.TotalMilliseconds:F0} ms");
        var aggregateMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var decrypted = TallyDecryptor.Decrypt(key, election, tally);
        var decryptMs = sw.Elapsed.TotalMilliseconds;
        output.WriteLine($"  decrypt + prove + count recovery ({k} candidates, counts up to {count:N0}): wall {decryptMs:F0} ms, cpu {sw.Cpu.TotalMilliseconds:F0} ms");
        sw.Restart();
        foreach (var d in decrypted)
        {
            if (DecryptionVerifier.Verify(election, d) is { } error)
                throw new InvalidOperationException(error);
        }
        output.WriteLine($"  verify {k} decryption proofs + counts: {sw.Elapsed.TotalMilliseconds:F0} ms");
        if (!decrypted.Select(d => d.Count).SequenceEqual(expected))
            throw new InvalidOperationException("the tally does not match the ballots");
        output.WriteLine($"  tally total (aggregate all cores + decrypt + prove + count): {aggregateMs + decryptMs:F0} ms; counts {string.Join(", ", expected)}");
    }

    /// <summary>
    /// Valid encryptions without proofs (aggregation never reads proofs), made cheaply: each
    /// ballot re-randomizes a fresh encryption by adding (G, K), i.e. ξ + 1, so building 100,000
    /// does not take longer than the run it feeds.
    /// </summary>
    private static Ballot[] SyntheticBallots(Election election, int count, long[] counts)
    {
        var k = election.Candidates;
        var seeds = Enumerable.Range(0, k + 1)
            .Select(choice => BallotEncryptor.EncryptChoice(election, choice))
            .ToArray();
        var empty = new RangeProof([], []);
        var ballots = new Ballot[count];
        var current = seeds.Select(s => s.Ciphertexts.ToArray()).ToArray();
        for (var b = 0; b < count; b++)
        {
            var choice = b % (k + 1);
            if (choice > 0)
                counts[choice - 1]++;
            var points = new ECPoint[2 * k];
            for (var i = 0; i < k; i++)
            {
                points[2 * i] = current[choice][i].Alpha.Add(P256.G);
                points[2 * i + 1] = current[choice][i].Beta.Add(election.Key);
            }
            P256.Curve.NormalizeAll(points);
            var cts = Enumerable.Range(0, k).Select(i => new Ciphertext(points[2 * i], points[2 * i + 1])).ToArray();
            current[choice] = cts;
            ballots[b] = new Ballot(election.Id, cts, [], empty);
        }
        return ballots;
    }

    /// <summary>
    /// Wall-clock and this process's CPU time: on a shared machine the CPU time of a one-core run
    /// is the better measure of the code (wall-clock includes waiting for other processes).
    /// </summary>

    private static void Report(TextWriter output, string what, BenchTimer timer, int n) => timer.Report(output, what, n, "ballot");
}
