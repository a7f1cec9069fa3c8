using System.CommandLine;
using System.Diagnostics;
using EVoting.Chain;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting bench chain-memory`: what a chain state's per-vote indexes (each final transaction's location, each
/// vote's nullifier and ballot hash) cost per vote, on the heap (<see cref="InMemoryChainIndex"/>, the CLI's) and in
/// SQLite (<see cref="SqliteChainIndex"/>, a validator's): live heap gained after full collections, time to apply a
/// block per vote, and a nullifier lookup (found and not found). Applies N votes in blocks of 1,000.
/// docs/benchmarks.md records the figures.
/// </summary>
public static class BenchChainMemoryCommand
{
    public static Command Create()
    {
        var command = new Command("chain-memory", "Live heap and time per vote of the chain state's indexes, on the heap and in SQLite");
        var votes = new Option<int>("--votes") { Description = "Votes to apply", DefaultValueFactory = _ => 100_000 };
        command.Options.Add(votes);
        command.SetAction(parse =>
        {
            var n = parse.GetValue(votes);
            if (n < 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("--votes must be positive");
                return CliApp.UsageError;
            }
            var dir = Directory.CreateTempSubdirectory("evoting-bench-index-");
            try
            {
                var output = parse.InvocationConfiguration.Output;
                output.WriteLine(Format("heap", n, Measure(n, new InMemoryChainIndex())));
                using (var sqlite = new SqliteChainIndex(Path.Combine(dir.FullName, "index.db")))
                    output.WriteLine(Format("sqlite", n, Measure(n, sqlite)));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            }
            return 0;
        });
        return command;
    }

    public sealed record Figures(long HeapBytes, TimeSpan Apply, TimeSpan LookupFound, TimeSpan LookupMissing);

    private static string Format(string index, int votes, Figures f) =>
        $"{votes} votes, index on the {index}: live heap {f.HeapBytes / 1048576.0:+0.0;-0.0;+0.0} MB = {f.HeapBytes / (double)votes:F0} bytes per vote;" +
        $" apply {f.Apply.TotalMicroseconds / votes:F1} µs per vote; nullifier lookup {f.LookupFound.TotalMicroseconds:F1} µs found," +
        $" {f.LookupMissing.TotalMicroseconds:F1} µs not found";

    /// <summary>What <paramref name="index"/> costs over <paramref name="votes"/> votes.</summary>
    public static Figures Measure(int votes, IChainIndex index)
    {
        var key = EthKey.Generate();
        var genesis = new Genesis
        {
            ChainId = 1337, Timestamp = 1_699_360_000, Validators = [key.Address], Submitters = [key.Address],
            BlockPeriodMs = 1000, MaxTxsPerBlock = 1000,
        };
        var state = new ChainState(genesis, index);
        var open = new Transaction
        {
            Kind = TxKind.ElectionOpen, ChainId = genesis.ChainId, ElectionId = 1, Timestamp = genesis.Timestamp + 1,
            PublicKey = [0x02, .. Enumerable.Repeat((byte)7, 32)], Candidates = 5, MaxSelections = 1,
        };
        Apply(state, key, [open]);
        var before = LiveHeap();
        var applying = TimeSpan.Zero;
        for (var v = 0; v < votes;)
        {
            var block = new List<Transaction>(1000);
            for (; block.Count < 1000 && v < votes; v++)
            {
                // Unsigned, tiny ballots: only what the indexes keep matters here, and blocks are dropped after Apply.
                block.Add(new Transaction
                {
                    Kind = TxKind.Vote, ChainId = genesis.ChainId, ElectionId = 1, Timestamp = genesis.Timestamp + 2,
                    Nullifier = Nullifier(v), EncryptedVote = [1], BallotHash = Keccak.Hash32(BitConverter.GetBytes(-v - 1)), Proof = [1],
                });
            }
            var started = Stopwatch.GetTimestamp();
            Apply(state, key, block);
            applying += Stopwatch.GetElapsedTime(started);
        }
        var after = LiveHeap();
        const int lookups = 10_000;
        var found = Time(lookups, i => state.HasNullifier(1, Nullifier(i * 7919 % votes)), expected: true);
        var missing = Time(lookups, i => state.HasNullifier(1, Nullifier(votes + i)), expected: false);
        GC.KeepAlive(state);
        return new Figures(after - before, applying, found, missing);
    }

    private static string Nullifier(int voter) => "anon-" + Convert.ToHexStringLower(Keccak.Hash(BitConverter.GetBytes(voter)));

    /// <summary>Mean time of one lookup (the nullifier's formatting included, as a validation pays it too).</summary>
    private static TimeSpan Time(int count, Func<int, bool> lookup, bool expected)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (lookup(i) != expected)
                throw new InvalidOperationException($"lookup {i} answered {!expected}");
        }
        return Stopwatch.GetElapsedTime(started) / count;
    }

    private static void Apply(ChainState state, EthKey proposer, List<Transaction> txs) =>
        state.Apply(Block.Create(state.Genesis.ChainId, state.Height + 1, state.HeadHash, state.Head.TimestampMs + 1000, 0, txs, proposer));

    private static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
