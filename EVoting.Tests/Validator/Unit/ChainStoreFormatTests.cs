using System.Text;
using EVoting.Chain;
using EVoting.Tests.Chain;
using EVoting.Validator.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// The store writes block bodies and the signing state as UTF-8 JSON blobs from a reused buffer; a data directory
/// written before, with the same JSON as text, still loads and takes new blocks (docs/validator.md, "Store").
/// </summary>
public sealed class ChainStoreFormatTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-store-format-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly TestChain _chain = new(validators: 1);

    [Fact]
    public void A_block_is_stored_as_its_json_in_a_blob_and_reads_back_the_same()
    {
        var blocks = new[] { _chain.Commit(_chain.Open(1)), _chain.Commit(_chain.Vote(1, 1), _chain.Vote(1, 2)) };
        using (var store = new ChainStore(_dir))
        {
            foreach (var block in blocks)
                store.AppendBlock(block);
            Assert.Equal(BlockJson.Serialize(blocks[1]), BlockJson.Serialize(store.LoadBlock(2)!));
            Assert.Equal(blocks[0].Hash, store.LoadBlock(blocks[0].Hash)!.Hash);
        }
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT typeof(body), body FROM blocks ORDER BY height";
        using var reader = cmd.ExecuteReader();
        foreach (var block in blocks)
        {
            Assert.True(reader.Read());
            Assert.Equal("blob", reader.GetString(0));
            Assert.Equal(BlockJson.Serialize(block), Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(1)));
        }
    }

    [Fact]
    public void A_data_directory_with_text_bodies_from_before_loads_and_takes_new_blocks()
    {
        var first = _chain.Commit(_chain.Open(1));
        const string signingState = "{\"height\":1,\"slots\":[],\"lock_round\":-1,\"lock_proof\":[]}";
        Directory.CreateDirectory(_dir);
        using (var db = Open())
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE blocks (height INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
                CREATE TABLE signing_state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
                INSERT INTO blocks (height, hash, body) VALUES (1, $hash, $body);
                INSERT INTO signing_state (id, body) VALUES (1, $state);
                """;
            cmd.Parameters.AddWithValue("$hash", first.Hash.ToString());
            cmd.Parameters.AddWithValue("$body", BlockJson.Serialize(first));
            cmd.Parameters.AddWithValue("$state", signingState);
            cmd.ExecuteNonQuery();
        }

        var second = _chain.Commit(_chain.Vote(1, 1));
        using var store = new ChainStore(_dir);
        Assert.Equal(signingState, Encoding.UTF8.GetString(store.LoadSigningState()!));
        Assert.Equal(BlockJson.Serialize(first), BlockJson.Serialize(store.LoadBlock(1)!));
        store.AppendBlock(second);
        Assert.Equal([first.Hash, second.Hash], store.LoadBlocks().Select(b => b.Hash));
        Assert.Equal(second.Hash, store.LoadBlock(second.Hash)!.Hash);
    }

    [Fact]
    public void A_shorter_signing_state_replaces_a_longer_one_exactly()
    {
        using var store = new ChainStore(_dir);
        Assert.Null(store.LoadSigningState());
        var longer = Encoding.UTF8.GetBytes("{\"height\":7,\"slots\":[{\"round\":0,\"step\":1,\"value\":null}],\"lock_round\":-1,\"lock_proof\":[]}");
        var shorter = Encoding.UTF8.GetBytes("{\"height\":8,\"slots\":[],\"lock_round\":-1,\"lock_proof\":[]}");
        store.SaveSigningState(longer);
        Assert.Equal(longer, store.LoadSigningState());
        store.SaveSigningState(shorter);
        Assert.Equal(shorter, store.LoadSigningState());
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "chain.db"), Pooling = false }.ToString());
        db.Open();
        return db;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
