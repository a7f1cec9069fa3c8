using System.CommandLine;
using EVoting.Chain;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting bench chain-memory`: the live heap a validator's chain state (ChainState: each final
/// transaction's location, each vote's nullifier and ballot hash) keeps per vote - the one part of
/// a validator's memory that grows with the chain by design. Applies N votes in blocks of 1,000
/// and compares the heap after full collections. docs/benchmarks.md records the figure.
/// </summary>
public static class BenchChainMemoryCommand
{
    public static Command Create()
    {
        var command = new Command("chain-memory", "Live heap of the chain state's indexes per vote");
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
            var bytes = Measure(n);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{n} votes: chain state live heap +{bytes / 1048576.0:F1} MB = {bytes / (double)n:F0} bytes per vote");
            return 0;
        });
        return command;
    }

    /// <summary>Bytes of live heap the chain state gains over <paramref name="votes"/> votes.</summary>
    public static long Measure(int votes)
    {
        var key = EthKey.Generate();
        var genesis = new Genesis
        {
            ChainId = 1337, Timestamp = 1_699_360_000, Validators = [key.Address], Submitters = [key.Address],
            BlockPeriodMs = 1000, MaxTxsPerBlock = 1000,
        };
        var state = new ChainState(genesis);
        var open = new Transaction
        {
            Kind = TxKind.ElectionOpen, ChainId = genesis.ChainId, ElectionId = 1, Timestamp = genesis.Timestamp + 1,
            PublicKey = [0x02, .. Enumerable.Repeat((byte)7, 32)], Candidates = 5, MaxSelections = 1,
        };
        Apply(state, key, [open]);
        var before = LiveHeap();
        for (var v = 0; v < votes;)
        {
            var block = new List<Transaction>(1000);
            for (; block.Count < 1000 && v < votes; v++)
            {
                // Unsigned, tiny ballots: only what the indexes keep matters here, and blocks are dropped after Apply.
                block.Add(new Transaction
                {
                    Kind = TxKind.Vote, ChainId = genesis.ChainId, ElectionId = 1, Timestamp = genesis.Timestamp + 2,
                    Nullifier = "anon-" + Convert.ToHexStringLower(Keccak.Hash(BitConverter.GetBytes(v))),
                    EncryptedVote = [1], BallotHash = Keccak.Hash32(BitConverter.GetBytes(-v - 1)), Proof = [1],
                });
            }
            Apply(state, key, block);
        }
        var after = LiveHeap();
        GC.KeepAlive(state);
        return after - before;
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
