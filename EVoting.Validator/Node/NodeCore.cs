using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;
using EVoting.Validator.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVoting.Validator.Node;

/// <summary>
/// The validator as a deterministic state machine (the CometBFT split: consensus state, reactor and privval
/// behind one entry point): chain state rebuilt from the store, mempool, the consensus engine and the signing
/// guard. <see cref="Handle"/> takes one input (a peer's message, a submission, a timeout, a tick) and returns
/// the effects (send, broadcast, schedule, disconnect, reply); durable writes go through the store before it
/// returns. No wall clock (the <see cref="TimeProvider"/>), no timers, no threads, no locks: the caller runs
/// one input at a time (the node's event loop, or the simulation). docs/consensus.md#node-core.
/// </summary>
public sealed partial class NodeCore
{
    /// <summary>An empty block is produced once the head is this many block periods old (docs/consensus.md).</summary>
    public const int EmptyBlockEveryPeriods = 10;
    public const int MempoolMaxCount = 20_000;
    public const long MempoolMaxBytes = 256L * 1024 * 1024;
    public const int SyncBatchBlocks = 32;

    /// <summary>A node asks one peer for missing blocks at most this often, unless a response just arrived.</summary>
    public const long SyncRequestIntervalMs = 300;

    /// <summary>Bounds of the final blocks kept in memory (<see cref="BlockCache"/>); the rest are read from the store.</summary>
    public const int BlockCacheMaxCount = 32;
    public const long BlockCacheMaxBytes = 8L * 1024 * 1024;

    /// <summary>Hashes of transactions and blocks already relayed, so gossip is not echoed.</summary>
    public const int SeenCapacity = 50_000;

    /// <summary>Equivocations kept in memory for poa_status (all are persisted).</summary>
    public const int RecentEquivocations = 100;

    private readonly EthKey _key;
    private readonly IChainStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Block _genesisBlock;
    private readonly BlockCache _blockCache = new(BlockCacheMaxCount, BlockCacheMaxBytes);
    private readonly ConsensusMapping _mapping;
    private readonly ISigningGuard _guard;
    private readonly CachingBallotRule _ballotRule;
    private readonly TransactionValidator _txValidator;
    private readonly BlockValidator _blockValidator;
    private readonly SeenSet _seen = new(SeenCapacity);
    private readonly RejectedTransactions _rejected = new();
    private readonly List<EquivocationEvidence> _equivocations = [];
    private readonly List<NodeEffect> _effects = [];
    private TendermintEngine? _engine;
    private long _lastSyncRequestMs = long.MinValue / 2;
    // The final block being applied from a peer's new_block or sync_response, and that peer (not sent back to it).
    private (Hash32 Block, Address Peer)? _finalBlockSource;

    /// <param name="guard">The signing guard; null for the node's own (<see cref="PersistentSigningGuard"/> over <paramref name="store"/>).</param>
    public NodeCore(Genesis genesis, EthKey key, IChainStore store, CachingBallotRule ballotRule, TimeProvider time,
        ValidatorTelemetry telemetry, ILogger? logger = null, ISigningGuard? guard = null)
    {
        Genesis = genesis;
        _key = key;
        _store = store;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        Telemetry = telemetry;
        _genesisBlock = genesis.GenesisBlock;
        _mapping = new ConsensusMapping(genesis);
        _guard = guard ?? new PersistentSigningGuard(store, _mapping);
        _ballotRule = ballotRule;
        _txValidator = new TransactionValidator(genesis, ballotRule);
        _blockValidator = new BlockValidator(_txValidator);
        State = new ChainState(genesis, store.Index);
        Mempool = new Mempool(MempoolMaxCount, MempoolMaxBytes);
        SelfIndex = genesis.IndexOf(key.Address);
        Parameters = new ConsensusParameters(genesis.Validators.Count, genesis.RoundTimeoutMs, genesis.BlockPeriodMs,
            (long)genesis.BlockPeriodMs * EmptyBlockEveryPeriods);
        LoadChain();
    }

    public Genesis Genesis { get; }

    public ChainState State { get; }

    public Mempool Mempool { get; }

    public ConsensusParameters Parameters { get; }

    public ValidatorTelemetry Telemetry { get; }

    public int SelfIndex { get; }

    public Address Address => _key.Address;

    public TendermintEngine? Engine => _engine;

    public IReadOnlyList<EquivocationEvidence> Equivocations => _equivocations;

    /// <summary>Final blocks held in memory (the rest are in the store).</summary>
    public int BlocksInMemory => _blockCache.Count;

    /// <summary>Ballots whose proofs this node has checked since start (<c>poa_status</c>).</summary>
    public long BallotProofChecks => _ballotRule.ProofChecks;

    /// <summary>The highest final height a peer has shown: a valid block or certificate, or a validator's signed message for the next height (a hello's claim does not count).</summary>
    public ulong BestPeerHeight { get; private set; }

    public bool IsSyncing => BestPeerHeight > State.Height;

    /// <summary>True when consensus started without signing state although this directory's key may have signed before.</summary>
    public bool StartedWithLostState { get; private set; }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs one input and returns what the shell must do. Not reentrant; one input at a time.</summary>
    public IReadOnlyList<NodeEffect> Handle(NodeInput input)
    {
        _effects.Clear();
        switch (input)
        {
            case StartConsensus:
                StartEngine();
                break;
            case PeerConnected connected:
                OnPeerConnected(connected.Peer, connected.ClaimedHeight);
                break;
            case PeerMessageReceived received:
                OnPeerMessage(received.Peer, received.Message);
                break;
            case TransactionSubmitted submitted:
                _effects.Add(new SubmissionVerdict(submitted.Transaction.Hash, Admit(submitted.Transaction, from: null)));
                break;
            case TimeoutElapsed elapsed:
                _engine?.OnTimeout(elapsed.Timeout);
                break;
            case Tick:
                _engine?.Tick();
                break;
        }
        return _effects.ToArray();
    }

    /// <summary>The final block at <paramref name="height"/> (from the cache, else the store), or null.</summary>
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
    /// peer's sync or a full-chain audit does not push out the blocks in use).
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

    /// <summary>Persisted equivocation evidence, newest first (survives restarts; <c>poa_getEvidence</c>).</summary>
    public IReadOnlyList<StoredEvidence> LoadEvidence(int limit) => _store.LoadEvidence(limit);

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
        if (State.IndexHeight > State.Height)
            throw new InvalidOperationException($"the stored chain index reaches height {State.IndexHeight} but the stored blocks end at {State.Height}; the data directory is damaged");
        if (State.Height > 0 && !_blockValidator.ValidateCommit(BlockAt(State.Height)!, out var error))
            throw new InvalidOperationException($"stored head {State.Height} has an invalid commit certificate: {error}");
        _logger.LogInformation("loaded {Height} final blocks, head {Hash}", State.Height, State.HeadHash);
    }

    /// <summary>
    /// Starts consensus at head + 1. Without signing state the node may have lost what it signed: it abstains
    /// for a height (docs/consensus.md#lost-state-wiped-data-directory) when its store says it signed before (the
    /// marker) or holds final blocks; a brand-new directory (no blocks, no marker) is a new node and votes at once.
    /// Decided from the store alone, never from what peers claim or when they speak.
    /// </summary>
    private void StartEngine()
    {
        if (_engine is not null)
            return;
        StartedWithLostState = _guard.State is null && (_store.HasSigned || State.Height > 0);
        _engine = new TendermintEngine(Parameters, SelfIndex, new Host(this), _guard);
        _engine.Start(State.Height + 1, StartedWithLostState);
        _logger.LogInformation("consensus started at height {Height} as validator #{Index}{Abstain}", State.Height + 1, SelfIndex,
            StartedWithLostState ? " (signing state lost: abstaining for a height)" : "");
    }
}
