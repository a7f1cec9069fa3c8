using System.Diagnostics;
using System.Text.Json;
using EVoting.Chain;
using EVoting.Tests.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Rpc;
using EVoting.Validator.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// A node keeps a bounded number of final blocks in memory; other blocks, their transactions, receipts and
/// proofs, block ranges and sync batches are read from the store (a real SQLite file) and match what
/// was committed.
/// </summary>
public sealed class StoredBlocksTests : IDisposable
{
    // More than the cache holds and more than one range read returns.
    private static readonly int Blocks = Math.Max(NodeCore.BlockCacheMaxCount, RpcMethods.MaxRangeBlocks) + 36;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-stored-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly ActivitySource _source = new("EVoting.Validator");
    private readonly TestChain _chain = new(validators: 1);
    private readonly List<Block> _committed = [];
    private readonly ChainStore _store;

    public StoredBlocksTests()
    {
        _store = new ChainStore(_dir);
        _committed.Add(_chain.Commit(_chain.Open(1)));
        for (var i = 1; i < Blocks; i++)
            _committed.Add(_chain.Commit(_chain.Vote(1, 2 * i), _chain.Vote(1, 2 * i + 1)));
        foreach (var block in _committed)
            _store.AppendBlock(block);
    }

    [Fact]
    public void Only_the_newest_blocks_stay_in_memory_and_old_ones_are_read_from_the_store()
    {
        using var node = CreateNode();
        Assert.Equal((ulong)Blocks, node.State.Height);
        Assert.Equal(NodeCore.BlockCacheMaxCount, node.Core.BlocksInMemory);

        var oldest = _committed[0];
        Assert.Equal(oldest.Hash, node.Core.BlockAt(1)!.Hash);
        Assert.Equal(oldest.Hash, node.Core.BlockByHash(oldest.Hash)!.Hash);
        Assert.Equal(BlockJson.Serialize(oldest), BlockJson.Serialize(node.Core.BlockAt(1)!));
        Assert.Equal(_committed[^1].Hash, node.Core.BlockAt((ulong)Blocks)!.Hash);
        Assert.Null(node.Core.BlockAt((ulong)Blocks + 1));
        Assert.Equal(node.Genesis.Hash, node.Core.BlockAt(0)!.Hash);
        Assert.Null(node.Core.BlockByHash(Keccak.Hash32([1, 2, 3])));

        // A range across the memory window's edge (what sync and poa_getBlocksRange read), and one past the head.
        var range = node.Core.BlocksBetween(1, (ulong)Blocks + 10);
        Assert.Equal(_committed.Select(b => b.Hash), range.Select(b => b.Hash));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => (ulong)i), node.Core.BlocksBetween(0, 3).Select(b => b.Index).Where(i => i > 0));
        Assert.Empty(node.Core.BlocksBetween((ulong)Blocks + 1, ulong.MaxValue));
        Assert.Equal(NodeCore.BlockCacheMaxCount, node.Core.BlocksInMemory); // old blocks read back replace others, within the bound
    }

    [Fact]
    public async Task Rpc_reads_of_old_blocks_transactions_and_receipts_come_from_the_store()
    {
        using var node = CreateNode();
        var rpc = new RpcMethods(node);
        var oldVote = _committed[1].Transactions[1];

        var receipt = (await rpc.InvokeAsync("eth_getTransactionReceipt", Params(oldVote.Hash.ToString())))!;
        Assert.Equal(_committed[1].Hash.ToString(), (string?)receipt["blockHash"]);
        Assert.Equal("0x1", (string?)receipt["transactionIndex"]);
        var tx = (await rpc.InvokeAsync("eth_getTransactionByHash", Params(oldVote.Hash.ToString())))!;
        Assert.Equal(oldVote.Hash.ToString(), (string?)tx["hash"]);
        Assert.NotNull(await rpc.InvokeAsync("poa_getMerkleProof", Params(oldVote.Hash.ToString())));

        var byNumber = (await rpc.InvokeAsync("eth_getBlockByNumber", Params("0x2", false)))!;
        Assert.Equal(_committed[1].Hash.ToString(), (string?)byNumber["hash"]);
        var byHash = (await rpc.InvokeAsync("eth_getBlockByHash", Params(_committed[1].Hash.ToString(), false)))!;
        Assert.Equal("0x2", (string?)byHash["number"]);

        var range = (await rpc.InvokeAsync("poa_getBlocksRange", Params("0x1", "0x64")))!.AsArray();
        Assert.Equal(RpcMethods.MaxRangeBlocks, range.Count);
        Assert.Equal(_committed[99].Hash.ToString(), (string?)range[99]!["hash"]);
        var tail = (await rpc.InvokeAsync("poa_getBlocksRange", Params($"0x{Blocks - 1:x}", "0x64")))!.AsArray();
        Assert.Equal(2, tail.Count);
        var beyond = (await rpc.InvokeAsync("poa_getBlocksRange", Params("0xffffffffffffffff", "0x64")))!.AsArray();
        Assert.Empty(beyond);
    }

    [Fact]
    public void A_restarted_node_replays_the_store_into_the_same_state()
    {
        Hash32 head;
        long transactions;
        using (var first = CreateNode())
        {
            head = first.State.HeadHash;
            transactions = first.State.TransactionCount;
        }
        using var second = CreateNode();
        Assert.Equal(head, second.State.HeadHash);
        Assert.Equal(transactions, second.State.TransactionCount);
        Assert.True(second.State.HasNullifier(1, TestChain.Nullifier(2)));
        Assert.Equal(NodeCore.BlockCacheMaxCount, second.Core.BlocksInMemory);
    }

    [Fact]
    public void The_per_vote_indexes_are_rows_in_the_store_not_the_heap_and_a_store_ahead_of_its_blocks_is_refused()
    {
        using (var node = CreateNode())
            Assert.True(node.State.HasNullifier(1, TestChain.Nullifier(3)));
        var votes = 2 * (Blocks - 1);
        Assert.Equal(votes, Count("SELECT COUNT(*) FROM nullifiers WHERE election = 1"));
        Assert.Equal(votes, Count("SELECT COUNT(*) FROM ballot_hashes WHERE election = 1"));
        Assert.Equal(votes + 1, Count("SELECT COUNT(*) FROM tx_locations"));
        Assert.Equal(Blocks, Count("SELECT height FROM index_head"));

        Count($"DELETE FROM blocks WHERE height = {Blocks}");
        var error = Assert.Throws<InvalidOperationException>(CreateNode);
        Assert.Contains("damaged", error.Message);
    }

    private long Count(string sql)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "chain.db")};Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L);
    }

    private ValidatorNode CreateNode()
    {
        var key = _chain.ValidatorKeys[0];
        var options = new NodeOptions
        {
            NodeId = "stored", Key = key, Genesis = _chain.Genesis, DataDirectory = _dir, RpcPort = 0, P2PPort = 0,
            P2PHost = "127.0.0.1", AdvertiseHost = "127.0.0.1",
        };
        var peers = new PeerManager(key, "stored", _chain.Genesis, "127.0.0.1", 0, NullLogger<PeerManager>.Instance);
        return new ValidatorNode(options, _store, new CachingBallotRule(new MarkerBallotRule(), ValidatorNode.BallotCacheCapacity), peers, _source, NullLogger<ValidatorNode>.Instance);
    }

    private static JsonElement Params(params object[] values) => JsonSerializer.SerializeToElement(values);

    public void Dispose()
    {
        _store.Dispose();
        _source.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
