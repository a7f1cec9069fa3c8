using Microsoft.Data.Sqlite;

namespace EVoting.Chain;

/// <summary>
/// The chain's indexes as SQLite tables instead of the heap, so a long-running process's memory does not grow with
/// the chain (a validator's would by ~220 bytes per vote; docs/benchmarks.md, "Memory"). Keys are 32-byte blobs
/// (nullifiers by <see cref="Key32.WriteNullifierKey"/>), one table per index, each a primary key without rowid.
/// The rows are derived from blocks, so a commit does not wait for the disk (synchronous=NORMAL in WAL mode): a
/// crash can lose the last blocks' rows, never corrupt them, and <see cref="Height"/> (written in the same
/// transaction as the rows) tells the owner which blocks to add again.
/// </summary>
public sealed class SqliteChainIndex : IChainIndex, IDisposable
{
    private readonly SqliteConnection _db;
    // TryGetLocation opens read-only connections (pooled): any thread reads the last committed rows while the
    // owner's thread adds a block. None for a temporary index (one connection sees it).
    private readonly string? _readers;
    private readonly SqliteCommand _hasNullifier;
    private readonly SqliteCommand _hasBallotHash;
    private readonly SqliteCommand _hasTransaction;
    private long _transactionCount;

    /// <param name="path">The database file: its own, or one shared with other tables (a validator's chain.db).</param>
    public SqliteChainIndex(string path) : this(path, temporary: false)
    {
    }

    private SqliteChainIndex(string path, bool temporary)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        if (!temporary)
            _readers = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS index_head (id INTEGER PRIMARY KEY CHECK (id = 1), height INTEGER NOT NULL, hash BLOB NOT NULL, transactions INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS tx_locations (hash BLOB PRIMARY KEY, height INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS nullifiers (election INTEGER NOT NULL, key BLOB NOT NULL, PRIMARY KEY (election, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS ballot_hashes (election INTEGER NOT NULL, key BLOB NOT NULL, PRIMARY KEY (election, key)) WITHOUT ROWID;
            """);
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = "SELECT height, hash, transactions FROM index_head WHERE id = 1";
            using var reader = cmd.ExecuteReader();
            if (reader.Read())
            {
                Height = (ulong)reader.GetInt64(0);
                HeadHash = new Hash32(reader.GetFieldValue<byte[]>(1));
                _transactionCount = reader.GetInt64(2);
            }
        }
        _hasNullifier = Lookup("SELECT 1 FROM nullifiers WHERE election = $e AND key = $k", perElection: true);
        _hasBallotHash = Lookup("SELECT 1 FROM ballot_hashes WHERE election = $e AND key = $k", perElection: true);
        _hasTransaction = Lookup("SELECT 1 FROM tx_locations WHERE hash = $k", perElection: false);
    }

    /// <summary>
    /// An index for this process only (the API's stats audit, which checks the chain from genesis on every start):
    /// SQLite's private temporary database, its pages beyond a small cache spilled to a file that is deleted when it
    /// closes (or the process dies), so it costs neither heap nor a file to clean up.
    /// </summary>
    public static SqliteChainIndex Temporary() => new("", temporary: true);

    public ulong Height { get; private set; }
    public Hash32 HeadHash { get; private set; } = Hash32.Zero;
    public long TransactionCount => Interlocked.Read(ref _transactionCount);

    /// <summary>Indexes a block's transactions and moves <see cref="Height"/> in one transaction.</summary>
    public void Add(Block block)
    {
        lock (_db)
        {
            if (block.Index != Height + 1)
                throw new InvalidOperationException($"block {block.Index} indexed after {Height}");
            using var tx = _db.BeginTransaction();
            using var location = Command(tx, "INSERT OR REPLACE INTO tx_locations (hash, height, position) VALUES ($k, $h, $p)", "$k", "$h", "$p");
            using var nullifier = Command(tx, "INSERT OR IGNORE INTO nullifiers (election, key) VALUES ($e, $k)", "$e", "$k");
            using var ballotHash = Command(tx, "INSERT OR IGNORE INTO ballot_hashes (election, key) VALUES ($e, $k)", "$e", "$k");
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                var t = block.Transactions[i];
                location.Parameters[0].Value = t.Hash.ToArray();
                location.Parameters[1].Value = (long)block.Index;
                location.Parameters[2].Value = i;
                location.ExecuteNonQuery();
                if (t.Kind != TxKind.Vote)
                    continue;
                nullifier.Parameters[0].Value = ElectionKey(t.ElectionId);
                nullifier.Parameters[1].Value = NullifierKey(t.Nullifier);
                nullifier.ExecuteNonQuery();
                ballotHash.Parameters[0].Value = ElectionKey(t.ElectionId);
                ballotHash.Parameters[1].Value = t.BallotHash.ToArray();
                ballotHash.ExecuteNonQuery();
            }
            var count = _transactionCount + block.Transactions.Count;
            using (var head = Command(tx, """
                INSERT INTO index_head (id, height, hash, transactions) VALUES (1, $h, $hash, $n)
                ON CONFLICT(id) DO UPDATE SET height = excluded.height, hash = excluded.hash, transactions = excluded.transactions
                """, "$h", "$hash", "$n"))
            {
                head.Parameters[0].Value = (long)block.Index;
                head.Parameters[1].Value = block.Hash.ToArray();
                head.Parameters[2].Value = count;
                head.ExecuteNonQuery();
            }
            tx.Commit();
            Height = block.Index;
            HeadHash = block.Hash;
            Interlocked.Exchange(ref _transactionCount, count);
        }
    }

    public bool HasTransaction(Hash32 txHash) => Exists(_hasTransaction, null, txHash.ToArray());

    public bool HasNullifier(ulong electionId, string nullifier) => Exists(_hasNullifier, ElectionKey(electionId), NullifierKey(nullifier));

    public bool HasBallotHash(ulong electionId, Hash32 ballotHash) => Exists(_hasBallotHash, ElectionKey(electionId), ballotHash.ToArray());

    public bool TryGetLocation(Hash32 txHash, out TxLocation location)
    {
        if (_readers is null)
        {
            lock (_db)
                return Read(_db, txHash, out location);
        }
        using var db = new SqliteConnection(_readers);
        db.Open();
        return Read(db, txHash, out location);
    }

    private static bool Read(SqliteConnection db, Hash32 txHash, out TxLocation location)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT height, position FROM tx_locations WHERE hash = $k";
        cmd.Parameters.AddWithValue("$k", txHash.ToArray());
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            location = default;
            return false;
        }
        location = new TxLocation((ulong)reader.GetInt64(0), reader.GetInt32(1));
        return true;
    }

    private bool Exists(SqliteCommand lookup, long? election, byte[] key)
    {
        lock (_db)
        {
            if (election is { } e)
                lookup.Parameters["$e"].Value = e;
            lookup.Parameters["$k"].Value = key;
            return lookup.ExecuteScalar() is not null;
        }
    }

    // Election ids are any 64-bit value; SQLite's integers are signed: the same bits, so one-to-one.
    private static long ElectionKey(ulong electionId) => unchecked((long)electionId);

    private static byte[] NullifierKey(string nullifier)
    {
        var key = new byte[32];
        Key32.WriteNullifierKey(nullifier, key);
        return key;
    }

    private SqliteCommand Lookup(string sql, bool perElection)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        if (perElection)
            cmd.Parameters.Add("$e", SqliteType.Integer);
        cmd.Parameters.Add("$k", SqliteType.Blob);
        return cmd;
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql, params string[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in parameters)
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_db)
        {
            _hasNullifier.Dispose();
            _hasBallotHash.Dispose();
            _hasTransaction.Dispose();
            _db.Dispose();
        }
        if (_readers is null)
            return;
        // Pooled readers keep the file open; a later index on this path (a restart, a wiped directory) starts clean.
        using var reader = new SqliteConnection(_readers);
        SqliteConnection.ClearPool(reader);
    }
}
