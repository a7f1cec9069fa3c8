using EVoting.Chain;
using System.Text.Json;
using EVoting.Validator.Collections;
using Microsoft.Data.Sqlite;

namespace EVoting.Validator.Storage;

/// <summary>
/// The node's embedded store: SQLite in WAL mode with synchronous=FULL, so a committed write is on
/// disk (fsynced) before the call returns and a kill -9 at any moment loses nothing committed and
/// corrupts nothing. Tables: final blocks with their certificates, the signing state, known peers,
/// evidence, and the chain's per-vote indexes (<see cref="SqliteChainIndex"/>, its own connection and tables);
/// beside the database, the <see cref="SignedMarkerFile"/>.
/// </summary>
public sealed class ChainStore : IChainStore, IDisposable
{
    /// <summary>
    /// The file that says this directory's key has signed (written before the first signing state): it survives the
    /// loss of chain.db, so a node that lost its signing state with the database still knows to abstain
    /// (docs/consensus.md#lost-state-wiped-data-directory).
    /// </summary>
    public const string SignedMarkerFile = "signed.marker";

    private readonly SqliteConnection _db;
    private readonly object _gate = new();
    // Block reads open their own read-only connections (pooled): in WAL mode they read the last committed blocks
    // while the writer appends, so a client's large read never waits for, or holds up, the loop's writes.
    private readonly string _readers;
    private readonly SqliteChainIndex _index;

    public ChainStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "chain.db");
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        _readers = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, body BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS signing_state (id INTEGER PRIMARY KEY CHECK (id = 1), body BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS peers (address TEXT PRIMARY KEY, node_id TEXT NOT NULL, host TEXT NOT NULL, p2p_port INTEGER NOT NULL, rpc_port INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS evidence (id INTEGER PRIMARY KEY AUTOINCREMENT, validator TEXT NOT NULL, height INTEGER NOT NULL,
                round INTEGER NOT NULL, step TEXT NOT NULL, first_value TEXT, second_value TEXT, first_signature TEXT, second_signature TEXT,
                recorded_ms INTEGER NOT NULL, UNIQUE (validator, height, round, step));
            """);
        DataDirectory = dataDirectory;
        _index = new SqliteChainIndex(path);
    }

    public IChainIndex Index => _index;

    public string DataDirectory { get; }

    /// <summary>Blocks read per query when streaming the chain (start-up replay).</summary>
    public const int ReadBatchBlocks = 64;

    /// <summary>
    /// All final blocks in height order, as stored (BlockJson with the commit), read a batch at a
    /// time so replaying a long chain never holds more than a batch in memory.
    /// </summary>
    public IEnumerable<Block> LoadBlocks()
    {
        for (ulong from = 1; ; from += ReadBatchBlocks)
        {
            var batch = LoadRange(from, from + ReadBatchBlocks - 1);
            foreach (var block in batch)
                yield return block;
            if (batch.Count < ReadBatchBlocks)
                yield break;
        }
    }

    /// <summary>
    /// The stored blocks with heights from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.
    /// Safe from any thread (its own connection).
    /// </summary>
    public IReadOnlyList<Block> LoadRange(ulong from, ulong to)
    {
        List<byte[]> bodies = [];
        using (var db = OpenReader())
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT body FROM blocks WHERE height BETWEEN $from AND $to ORDER BY height";
            cmd.Parameters.AddWithValue("$from", (long)Math.Min(from, long.MaxValue));
            cmd.Parameters.AddWithValue("$to", (long)Math.Min(to, long.MaxValue));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                bodies.Add(Utf8Body(reader));
        }
        return bodies.Select(b => BlockJson.ParseStored(b)).ToList();
    }

    /// <summary>The stored block at <paramref name="height"/>, or null.</summary>
    public Block? LoadBlock(ulong height) => LoadRange(height, height).FirstOrDefault();

    /// <summary>The stored block with this hash (the hash column is indexed), or null. Safe from any thread.</summary>
    public Block? LoadBlock(Hash32 hash)
    {
        byte[]? body;
        using (var db = OpenReader())
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT body FROM blocks WHERE hash = $hash";
            cmd.Parameters.AddWithValue("$hash", hash.ToString());
            using var reader = cmd.ExecuteReader();
            body = reader.Read() ? Utf8Body(reader) : null;
        }
        return body is null ? null : BlockJson.ParseStored(body);
    }

    private SqliteConnection OpenReader()
    {
        var db = new SqliteConnection(_readers);
        db.Open();
        return db;
    }

    /// <summary>
    /// Stores a final block (with its certificate) durably before returning. The body is written as UTF-8 JSON from
    /// the process's <see cref="ScratchBuffer"/> into the row's blob (no string, no array of the block's size: this
    /// runs on every height; docs/benchmarks.md, "Memory").
    /// </summary>
    public void AppendBlock(Block block)
    {
        using var scratch = ScratchBuffer.Rent();
        using (var w = new Utf8JsonWriter(scratch.Writer))
            BlockJson.Write(w, block);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO blocks (height, hash, body) VALUES ($h, $hash, zeroblob($length))";
            cmd.Parameters.AddWithValue("$h", (long)block.Index);
            cmd.Parameters.AddWithValue("$hash", block.Hash.ToString());
            cmd.Parameters.AddWithValue("$length", scratch.WrittenSpan.Length);
            cmd.ExecuteNonQuery();
            WriteBlob("blocks", (long)block.Index, scratch.WrittenSpan); // height is the table's rowid
            tx.Commit();
        }
    }

    /// <summary>The signing state's UTF-8 JSON, or null before the first one.</summary>
    public byte[]? LoadSigningState()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT body FROM signing_state WHERE id = 1";
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? Utf8Body(reader) : null;
        }
    }

    /// <summary>Replaces the signing state durably (fsync by synchronous=FULL) before returning.</summary>
    public void SaveSigningState(ReadOnlySpan<byte> utf8Json)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO signing_state (id, body) VALUES (1, zeroblob($length)) ON CONFLICT(id) DO UPDATE SET body = excluded.body";
            cmd.Parameters.AddWithValue("$length", utf8Json.Length);
            cmd.ExecuteNonQuery();
            WriteBlob("signing_state", 1, utf8Json);
            tx.Commit();
        }
    }

    private void WriteBlob(string table, long rowid, ReadOnlySpan<byte> bytes)
    {
        using var blob = new SqliteBlob(_db, table, "body", rowid);
        blob.Write(bytes);
    }

    /// <summary>
    /// A body column's bytes: a blob, or text as stored before bodies were written as blobs (SQLite hands out text
    /// as its UTF-8 bytes), so a data directory from before still loads.
    /// </summary>
    private static byte[] Utf8Body(SqliteDataReader reader) => reader.GetFieldValue<byte[]>(0);

    public bool HasSigned => File.Exists(Path.Combine(DataDirectory, SignedMarkerFile));

    public void MarkSigned()
    {
        using var file = new FileStream(Path.Combine(DataDirectory, SignedMarkerFile), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        file.Write("1"u8);
        file.Flush(flushToDisk: true);
    }

    public void SavePeer(PeerRecord peer)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO peers (address, node_id, host, p2p_port, rpc_port, last_seen_ms) VALUES ($a, $n, $h, $p, $r, $t)
                ON CONFLICT(address) DO UPDATE SET node_id = excluded.node_id, host = excluded.host, p2p_port = excluded.p2p_port,
                    rpc_port = excluded.rpc_port, last_seen_ms = excluded.last_seen_ms
                """;
            cmd.Parameters.AddWithValue("$a", peer.Address.ToString());
            cmd.Parameters.AddWithValue("$n", peer.NodeId);
            cmd.Parameters.AddWithValue("$h", peer.Host);
            cmd.Parameters.AddWithValue("$p", peer.P2PPort);
            cmd.Parameters.AddWithValue("$r", peer.RpcPort);
            cmd.Parameters.AddWithValue("$t", peer.LastSeenMs);
            cmd.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<PeerRecord> LoadPeers()
    {
        var list = new List<PeerRecord>();
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT address, node_id, host, p2p_port, rpc_port, last_seen_ms FROM peers";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                if (Address.TryParse(reader.GetString(0), out var address))
                    list.Add(new PeerRecord(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), address, reader.GetInt64(5)));
            }
        }
        return list;
    }

    /// <summary>Evidence rows kept: the oldest go first beyond this, so a key that equivocates endlessly cannot fill the disk.</summary>
    public const int MaxEvidence = 10_000;

    /// <summary>Stores one equivocation (the first per validator and slot); false when that slot was already recorded.</summary>
    public bool SaveEvidence(StoredEvidence evidence)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT OR IGNORE INTO evidence (validator, height, round, step, first_value, second_value, first_signature, second_signature, recorded_ms)
                VALUES ($v, $h, $r, $s, $fv, $sv, $fs, $ss, $t);
                """;
            cmd.Parameters.AddWithValue("$v", evidence.Validator.ToString());
            cmd.Parameters.AddWithValue("$h", (long)evidence.Height);
            cmd.Parameters.AddWithValue("$r", evidence.Round);
            cmd.Parameters.AddWithValue("$s", evidence.Step);
            cmd.Parameters.AddWithValue("$fv", (object?)evidence.FirstValue ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$sv", (object?)evidence.SecondValue ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$fs", (object?)evidence.FirstSignature ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$ss", (object?)evidence.SecondSignature ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$t", evidence.RecordedMs);
            if (cmd.ExecuteNonQuery() == 0)
                return false;
            Execute($"DELETE FROM evidence WHERE id <= (SELECT MAX(id) FROM evidence) - {MaxEvidence};");
            return true;
        }
    }

    /// <summary>The newest evidence first, at most <paramref name="limit"/> rows.</summary>
    public IReadOnlyList<StoredEvidence> LoadEvidence(int limit)
    {
        var list = new List<StoredEvidence>();
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT validator, height, round, step, first_value, second_value, first_signature, second_signature, recorded_ms
                FROM evidence ORDER BY id DESC LIMIT $limit
                """;
            cmd.Parameters.AddWithValue("$limit", limit);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                if (!Address.TryParse(reader.GetString(0), out var validator))
                    continue;
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                list.Add(new StoredEvidence(validator, (ulong)reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                    Text(4), Text(5), Text(6), Text(7), reader.GetInt64(8)));
            }
        }
        return list;
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _index.Dispose();
        _db.Dispose();
        // Pooled readers keep the file open; a later store in this directory (a restart, a wiped directory) starts clean.
        using var reader = new SqliteConnection(_readers);
        SqliteConnection.ClearPool(reader);
    }
}

/// <summary>A peer this node knows: from the bootnode, or remembered from an earlier run.</summary>
/// <summary>
/// One equivocation as stored: the validator, the slot (height, round, step), the two values it signed there and
/// both signatures (hex), so anyone can check a double vote without trusting this node (docs/operations.md). A
/// proposal's signature also covers its pol_round, which the record does not keep.
/// </summary>
public sealed record StoredEvidence(Address Validator, ulong Height, int Round, string Step, string? FirstValue, string? SecondValue,
    string? FirstSignature, string? SecondSignature, long RecordedMs);

public sealed record PeerRecord(string NodeId, string Host, int P2PPort, int RpcPort, Address Address, long LastSeenMs);
