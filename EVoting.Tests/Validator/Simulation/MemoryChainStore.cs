using EVoting.Chain;
using EVoting.Validator.Storage;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// A validator's data directory in memory: it survives a crash (a new node core is built from it, like a restart
/// reading SQLite), and can lose its database (blocks, signing state, evidence: chain.db deleted, the marker file
/// kept) or the whole directory. Writes are "durable" when the call returns, as in <see cref="ChainStore"/>.
/// </summary>
internal sealed class MemoryChainStore : IChainStore
{
    private readonly List<Block> _blocks = [];
    private readonly List<StoredEvidence> _evidence = [];
    private byte[]? _signingState;

    public bool HasSigned { get; private set; }

    public IChainIndex Index { get; private set; } = new InMemoryChainIndex();

    public int EvidenceCount => _evidence.Count;

    public bool HasSigningState => _signingState is not null;

    public void MarkSigned() => HasSigned = true;

    public IEnumerable<Block> LoadBlocks() => _blocks.ToList();

    public IReadOnlyList<Block> LoadRange(ulong from, ulong to)
    {
        var first = (int)Math.Max(from, 1) - 1;
        var last = (int)Math.Min(to, (ulong)_blocks.Count) - 1;
        return first > last ? [] : _blocks.GetRange(first, last - first + 1);
    }

    public Block? LoadBlock(ulong height) => height >= 1 && height <= (ulong)_blocks.Count ? _blocks[(int)height - 1] : null;

    public Block? LoadBlock(Hash32 hash) => _blocks.FirstOrDefault(b => b.Hash == hash);

    public void AppendBlock(Block block)
    {
        if (block.Index != (ulong)_blocks.Count + 1)
            throw new InvalidOperationException($"block {block.Index} appended after {_blocks.Count}"); // the primary key of ChainStore
        _blocks.Add(block);
    }

    public byte[]? LoadSigningState() => _signingState;

    public void SaveSigningState(ReadOnlySpan<byte> utf8Json) => _signingState = utf8Json.ToArray();

    public bool SaveEvidence(StoredEvidence evidence)
    {
        if (_evidence.Any(e => e.Validator == evidence.Validator && e.Height == evidence.Height && e.Round == evidence.Round && e.Step == evidence.Step))
            return false;
        _evidence.Add(evidence);
        return true;
    }

    public IReadOnlyList<StoredEvidence> LoadEvidence(int limit) => _evidence.AsEnumerable().Reverse().Take(limit).ToList();

    /// <summary>chain.db is deleted: blocks, signing state and evidence go; the signed marker beside it stays.</summary>
    public void LoseDatabase()
    {
        _blocks.Clear();
        Index = new InMemoryChainIndex();
        _evidence.Clear();
        _signingState = null;
    }

    /// <summary>The whole data directory is deleted, the marker with it.</summary>
    public void LoseDirectory()
    {
        LoseDatabase();
        HasSigned = false;
    }
}
