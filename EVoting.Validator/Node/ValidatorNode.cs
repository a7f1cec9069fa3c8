using System.Diagnostics;
using System.Threading.Channels;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

/// <summary>
/// The validator: chain state rebuilt from the store, mempool, the consensus engine and the P2P
/// layer. Everything that changes state runs on one event loop (a channel of actions); RPC reads
/// take the same lock, so they always see a consistent head.
/// </summary>
public sealed partial class ValidatorNode : IPeerHost, IDisposable
{
    /// <summary>An empty block is produced once the head is this many block periods old (docs/consensus.md).</summary>
    public const int EmptyBlockEveryPeriods = 10;
    public const int MempoolMaxCount = 20_000;

    /// <summary>Proof verdicts kept: room for a full mempool twice over (what is verified but not final yet).</summary>
    public const int BallotCacheCapacity = 2 * MempoolMaxCount;
    public const long MempoolMaxBytes = 256L * 1024 * 1024;
    private const int InboxCapacity = 10_000;
    private const int SyncBatchBlocks = 32;
    /// <summary>
    /// Bounds of the final blocks kept in memory (<see cref="BlockCache"/>); the rest are read from the
    /// store. Decoded blocks take ~2.3 times their canonical size, so 8 MiB holds ~18 MB (docs/validator.md, "Memory").
    /// </summary>
    public const int BlockCacheMaxCount = 32;
    public const long BlockCacheMaxBytes = 8L * 1024 * 1024;
    private static readonly TimeSpan StartupPeerWindow = TimeSpan.FromSeconds(2);

    private readonly NodeOptions _options;
    private readonly ChainStore _store;
    private readonly ILogger<ValidatorNode> _logger;
    private readonly Channel<Action> _inbox = Channel.CreateBounded<Action>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly object _sync = new();
    private readonly Block _genesisBlock;
    private readonly BlockCache _blockCache = new(BlockCacheMaxCount, BlockCacheMaxBytes);
    private readonly ConsensusMapping _mapping;
    private readonly SqliteSigningGuard _guard;
    private readonly CachingBallotRule _ballotRule;
    private readonly TransactionValidator _txValidator;
    private readonly BlockValidator _blockValidator;
    private readonly SeenSet _seen = new(50_000);
    private readonly RejectedTransactions _rejected = new();
    private readonly List<EquivocationEvidence> _equivocations = [];
    private readonly Dictionary<Address, ulong> _peerHeights = [];
    private TendermintEngine? _engine;
    private long _lastSyncRequestMs;
    // The final block being applied from a peer's new_block or sync_response, and that peer (not sent back to it).
    private (Hash32 Block, Address Peer)? _finalBlockSource;
    private bool _started;

    public ValidatorNode(NodeOptions options, ChainStore store, CachingBallotRule ballotRule, PeerManager peers, ActivitySource source, ILogger<ValidatorNode> logger)
    {
        _options = options;
        _store = store;
        _logger = logger;
        Genesis = options.Genesis;
        _genesisBlock = Genesis.GenesisBlock;
        Peers = peers;
        _mapping = new ConsensusMapping(Genesis);
        _guard = new SqliteSigningGuard(store, _mapping);
        _ballotRule = ballotRule;
        _txValidator = new TransactionValidator(Genesis, ballotRule);
        _blockValidator = new BlockValidator(_txValidator);
        State = new ChainState(Genesis);
        Mempool = new Mempool(MempoolMaxCount, MempoolMaxBytes);
        SelfIndex = Genesis.IndexOf(options.Key.Address);
        Parameters = new ConsensusParameters(Genesis.Validators.Count, Genesis.RoundTimeoutMs, Genesis.BlockPeriodMs,
            (long)Genesis.BlockPeriodMs * EmptyBlockEveryPeriods);
        Telemetry = new ValidatorTelemetry(source, () => Metrics);
        LoadChain();
    }

    public Genesis Genesis { get; }

    public ChainState State { get; }

    public Mempool Mempool { get; }

    public PeerManager Peers { get; }

    public ConsensusParameters Parameters { get; }

    public ValidatorTelemetry Telemetry { get; }

    public int SelfIndex { get; }

    public string NodeId => _options.NodeId;

    public Address Address => _options.Key.Address;

    /// <summary>The lock RPC handlers hold while reading state.</summary>
    public object Sync => _sync;

    public IReadOnlyList<EquivocationEvidence> Equivocations => _equivocations;

    /// <summary>Persisted equivocation evidence, newest first (survives restarts; <c>poa_getEvidence</c>).</summary>
    public IReadOnlyList<StoredEvidence> LoadEvidence(int limit) => _store.LoadEvidence(limit);

    public TendermintEngine? Engine => _engine;

    /// <summary>Ballots whose proofs this node has checked since start (<c>poa_status</c>).</summary>
    public long BallotProofChecks => _ballotRule.ProofChecks;

    /// <summary>Final blocks held in memory (the rest are in the store).</summary>
    internal int BlocksInMemory => _blockCache.Count;

    public ulong BestPeerHeight { get; private set; }

    public bool IsSyncing => BestPeerHeight > State.Height;

    public NodeMetrics Metrics => new(State.Height + 1, State.Height, Peers.PeerCount, Mempool.Count);

    public (ulong Height, Hash32 BestHash) Head
    {
        get
        {
            lock (_sync)
                return (State.Height, State.HeadHash);
        }
    }

    /// <summary>The final block at <paramref name="height"/> (from the cache, else the store), or null. Under <see cref="Sync"/>.</summary>
    public Block? BlockAt(ulong height)
    {
        if (height == 0)
            return _genesisBlock;
        if (height > State.Height)
            return null;
        return _blockCache.TryGet(height, out var block) ? block : Cached(_store.LoadBlock(height));
    }

    public Block? BlockByHash(Hash32 hash)
    {
        if (hash == _genesisBlock.Hash)
            return _genesisBlock;
        return _blockCache.TryGet(hash, out var block) ? block : Cached(_store.LoadBlock(hash));
    }

    private Block? Cached(Block? block)
    {
        if (block is not null)
            _blockCache.Add(block);
        return block;
    }

    /// <summary>
    /// Final blocks from <paramref name="from"/> through <paramref name="to"/> (capped at the head), in
    /// order: from the cache when it has them all, else read from the store (and not cached, so a
    /// peer's sync or a full-chain audit does not push out the blocks in use). Under <see cref="Sync"/>.
    /// </summary>
    public IReadOnlyList<Block> BlocksBetween(ulong from, ulong to)
    {
        to = Math.Min(to, State.Height);
        if (from > to)
            return [];
        var blocks = new List<Block>();
        for (var h = from; h <= to && (h == 0 || _blockCache.TryGet(h, out _)); h++)
            blocks.Add(BlockAt(h)!);
        if (blocks.Count == (int)(to - from + 1))
            return blocks;
        blocks.Clear();
        if (from == 0)
            blocks.Add(_genesisBlock);
        blocks.AddRange(_store.LoadRange(Math.Max(from, 1), to));
        return blocks;
    }

    /// <summary>
    /// Replays every stored block (streamed from the store) into the state, checking the hash chain and
    /// the head's certificate; only the newest blocks stay in memory.
    /// </summary>
    private void LoadChain()
    {
        foreach (var block in _store.LoadBlocks())
        {
            if (block.Index != State.Height + 1 || block.Header.PrevHash != State.HeadHash || block.Header.ComputeHash() != block.Hash)
                throw new InvalidOperationException($"stored block {block.Index} does not extend the stored chain; the data directory is not this network's");
            State.Apply(block);
            _blockCache.Add(block);
        }
        if (State.Height > 0 && !_blockValidator.ValidateCommit(BlockAt(State.Height)!, out var error))
            throw new InvalidOperationException($"stored head {State.Height} has an invalid commit certificate: {error}");
        _logger.LogInformation("loaded {Height} final blocks, head {Hash}", State.Height, State.HeadHash);
    }

    public void Start(CancellationToken stopping)
    {
        Peers.Start(this, _options.P2PHost, _options.P2PPort, stopping);
        foreach (var peer in _store.LoadPeers())
            Peers.Remember(peer);
        Peers.StaticPeers.AddRange(_options.StaticPeers);
        _ = Task.Run(() => RunLoopAsync(stopping), CancellationToken.None);
        _ = Task.Run(async () =>
        {
            await Task.Delay(StartupPeerWindow, stopping);
            Post(StartEngine);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(Genesis.BlockPeriodMs / 4, 20, 100)));
            while (await timer.WaitForNextTickAsync(stopping))
                Post(() => _engine?.Tick());
        }, CancellationToken.None);
    }

    /// <summary>
    /// Starts consensus at head + 1. A node with no signing state is treated as having lost it
    /// (and abstains for a height, docs/consensus.md) unless the whole network is still at genesis.
    /// </summary>
    private void StartEngine()
    {
        if (_started)
            return;
        _started = true;
        var lost = _guard.State is null
            && (_store.GetMarker(SqliteSigningGuard.AbstainMarker) == "1" || State.Height > 0 || BestPeerHeight > 0);
        if (lost)
            _store.SetMarker(SqliteSigningGuard.AbstainMarker, "1");
        _engine = new TendermintEngine(Parameters, SelfIndex, new Host(this), _guard);
        _engine.Start(State.Height + 1, lost);
        _logger.LogInformation("consensus started at height {Height} as validator #{Index}{Abstain}", State.Height + 1, SelfIndex,
            lost ? " (signing state lost: abstaining for a height)" : "");
    }

    public void Post(Action action) => _inbox.Writer.TryWrite(action);

    /// <summary>Runs <paramref name="func"/> on the event loop and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var caller = Activity.Current; // so spans on the loop join the caller's trace (e.g. the RPC request's)
        var action = () =>
        {
            var previous = Activity.Current;
            Activity.Current = caller;
            try
            {
                tcs.SetResult(func());
            }
            catch (Exception e)
            {
                tcs.SetException(e);
            }
            finally
            {
                Activity.Current = previous;
            }
        };
        if (!_inbox.Writer.TryWrite(action))
            tcs.SetException(new InvalidOperationException("the node is overloaded"));
        return tcs.Task;
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var action in _inbox.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    lock (_sync)
                        action();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _logger.LogError(e, "event loop action failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => Telemetry.Dispose();
}
