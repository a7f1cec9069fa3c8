using EVoting.Validator.Consensus;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// One validator in the simulation: the real <see cref="TendermintEngine"/> with a host whose
/// "disk" (chain and signing state) survives crashes unless wiped, an in-memory mempool, sync of
/// missing blocks from peers, and (when Byzantine) a broadcast that equivocates.
/// </summary>
internal sealed class SimNode : IConsensusHost
{
    private const int SyncBatch = 16;
    private const int MaxTxsPerBlock = 8;
    private const long MaxDriftMs = 500;
    private const long TickMs = 50;

    private readonly SimWorld _world;
    private readonly SimSigningGuard _guard;
    private readonly List<SimBlock> _chain = [SimBlock.Genesis];
    private readonly List<ConsensusDecision> _decisions = [];
    private readonly HashSet<string> _finalTxs = new(StringComparer.Ordinal);
    private readonly List<string> _mempool = [];
    private readonly HashSet<string> _mempoolSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _twins = new(StringComparer.Ordinal);
    private TendermintEngine? _engine;
    private int _incarnation;
    private long _lastSyncRequestMs = -1_000_000;
    private bool _stateLost;

    public SimNode(SimWorld world, int index, bool byzantine)
    {
        _world = world;
        Index = index;
        Byzantine = byzantine;
        _guard = new SimSigningGuard(permissive: byzantine);
    }

    public int Index { get; }

    public bool Byzantine { get; }

    public bool IsUp { get; private set; }

    /// <summary>Wiped and has not signed since (so it still abstains).</summary>
    public bool StateLost => _stateLost && _guard.Disk is null;

    public IReadOnlyList<SimBlock> Chain => _chain;

    public ulong FinalHeight => (ulong)(_chain.Count - 1);

    public bool IsFinal(string txId) => _finalTxs.Contains(txId);

    public TendermintEngine? Engine => _engine;

    public long NowMs => _world.Scheduler.Now;

    public bool HasPendingWork => _mempool.Count > 0;

    public long HeadTimestampMs => _chain[^1].TimestampMs;

    /// <summary>
    /// Starts (or restarts) the node. A node whose signing state was wiped and that has not signed
    /// since keeps abstaining across further restarts (the real node persists that marker too).
    /// </summary>
    public void Start()
    {
        IsUp = true;
        var incarnation = ++_incarnation;
        if (_guard.Disk is not null)
            _stateLost = false;
        _engine = new TendermintEngine(_world.Parameters, Index, this, _guard);
        _engine.Start(FinalHeight + 1, _stateLost);
        ScheduleTick(incarnation);
    }

    public void Crash()
    {
        IsUp = false;
        _engine = null;
        _incarnation++;
        _mempool.Clear();
        _mempoolSet.Clear();
    }

    /// <summary>Erases the data directory: chain and signing state.</summary>
    public void Wipe()
    {
        _chain.RemoveRange(1, _chain.Count - 1);
        _decisions.Clear();
        _finalTxs.Clear();
        _guard.Disk = null;
        _stateLost = true;
    }

    public void SubmitTx(string txId)
    {
        if (!IsUp || _finalTxs.Contains(txId) || !_mempoolSet.Add(txId))
            return;
        _mempool.Add(txId);
        foreach (var peer in _world.Nodes)
            if (peer.Index != Index)
                _world.Network.Send(Index, peer.Index, new SimTx(txId));
    }

    public void Receive(int from, object message)
    {
        if (!IsUp || _engine is null)
            return;
        if (_world.Trace is not null && message is ConsensusVote or ConsensusProposal)
            _world.Log($"n{Index} <- n{from} {Describe(message)} (at h{_engine.Height}/r{_engine.Round}/{_engine.Step})");
        switch (message)
        {
            case ConsensusProposal proposal:
                MaybeSync(from, proposal.Height);
                _engine.OnProposal(proposal);
                break;
            case ConsensusVote vote:
                MaybeSync(from, vote.Height);
                _engine.OnVote(vote);
                break;
            case SimNewBlock newBlock:
                if (newBlock.Decision.Height == _engine.Height)
                    _engine.OnDecision(newBlock.Decision);
                else
                    MaybeSync(from, newBlock.Decision.Height);
                break;
            case SimSyncRequest request:
                var batch = _decisions.Where(d => d.Height >= request.FromHeight).Take(SyncBatch).ToList();
                if (batch.Count > 0)
                    _world.Network.Send(Index, from, new SimSyncResponse(batch));
                break;
            case SimSyncResponse response:
                foreach (var decision in response.Decisions)
                {
                    if (decision.Height < _engine.Height)
                        continue;
                    if (!_engine.OnDecision(decision))
                        break;
                }
                if (response.Decisions.Count == SyncBatch)
                    MaybeSync(from, _engine.Height + 1);
                break;
            case SimTx tx:
                if (!_finalTxs.Contains(tx.Id) && _mempoolSet.Add(tx.Id))
                {
                    _mempool.Add(tx.Id);
                    foreach (var peer in _world.Nodes)
                        if (peer.Index != Index && peer.Index != from)
                            _world.Network.Send(Index, peer.Index, tx);
                }
                break;
        }
    }

    private static string Describe(object message) => message switch
    {
        ConsensusVote v => $"{v.Step} h{v.Height}/r{v.Round} {v.ValueId ?? "nil"}",
        ConsensusProposal p => $"Proposal h{p.Height}/r{p.Round} pol{p.PolRound} {p.Value.Id}",
        _ => message.GetType().Name,
    };

    private void MaybeSync(int from, ulong seenHeight)
    {
        if (_engine is null || seenHeight <= _engine.Height || NowMs - _lastSyncRequestMs < 100)
            return;
        _lastSyncRequestMs = NowMs;
        _world.Network.Send(Index, from, new SimSyncRequest(_engine.Height));
    }

    private void ScheduleTick(int incarnation)
    {
        _world.Scheduler.At(NowMs + TickMs, () =>
        {
            if (incarnation != _incarnation || _engine is null)
                return;
            _engine.Tick();
            ScheduleTick(incarnation);
        });
    }

    public IConsensusValue? CreateValue(ulong height, int round)
    {
        var parent = _chain[^1];
        var txs = _mempool.Where(t => !_finalTxs.Contains(t)).Take(MaxTxsPerBlock).ToList();
        return new SimBlock(height, parent.Id, Index, round, Math.Max(NowMs, parent.TimestampMs + 1), txs);
    }

    public ValueVerdict Validate(IConsensusValue value, int round, out string? error)
    {
        error = Check(value, round);
        return error is null ? ValueVerdict.Valid : error is NotYetProposed or NotYetTime ? ValueVerdict.NotYet : ValueVerdict.Invalid;
    }

    private const string NotYetProposed = "proposed for a later round";
    private const string NotYetTime = "timestamp ahead of the clock";

    /// <summary>The simulation has no signatures: a proposal is authentic when its block's id recomputes (the sim's "intact").</summary>
    public bool Authenticate(ConsensusProposal proposal, out string? error)
    {
        error = proposal.Value is SimBlock block && block.Id == SimBlock.ComputeId(block.Height, block.ParentId, block.Proposer, block.Round, block.TimestampMs, block.Txs)
            ? null : "bad id";
        return error is null;
    }

    public bool Authenticate(ConsensusVote vote) => true;

    private string? Check(IConsensusValue value, int round)
    {
        if (value is not SimBlock block)
            return "not a block";
        var parent = _chain[^1];
        if (block.Height != FinalHeight + 1)
            return "wrong height";
        if (block.ParentId != parent.Id)
            return "wrong parent";
        if (block.Id != SimBlock.ComputeId(block.Height, block.ParentId, block.Proposer, block.Round, block.TimestampMs, block.Txs))
            return "bad id";
        if (block.Proposer != _world.Parameters.ProposerIndex(block.Height, block.Round))
            return "not the scheduled proposer";
        if (block.Round > round)
            return NotYetProposed;
        if (block.TimestampMs <= parent.TimestampMs)
            return "bad timestamp";
        if (block.TimestampMs > NowMs + MaxDriftMs)
            return NotYetTime;
        if (block.Txs.Distinct().Count() != block.Txs.Count || block.Txs.Any(_finalTxs.Contains))
            return "duplicate transaction";
        return null;
    }

    public void Schedule(ConsensusTimeout timeout)
    {
        var incarnation = _incarnation;
        _world.Scheduler.At(timeout.DueMs, () =>
        {
            if (incarnation == _incarnation)
                _engine?.OnTimeout(timeout);
        });
    }

    public ConsensusVote Sign(ConsensusVote vote)
    {
        if (!Byzantine)
            _world.RecordSignature(Index, vote.Height, vote.Round, vote.Step, vote.ValueId);
        return vote;
    }

    public ConsensusProposal Sign(ConsensusProposal proposal)
    {
        if (!Byzantine)
            _world.RecordSignature(Index, proposal.Height, proposal.Round, ConsensusStep.Propose, proposal.Value.Id);
        return proposal;
    }

    public void Broadcast(ConsensusVote vote)
    {
        foreach (var peer in _world.Nodes)
        {
            if (peer.Index == Index)
                continue;
            // A Byzantine node tells odd peers the opposite of what it tells even ones.
            var sent = Byzantine && peer.Index % 2 == 1
                ? vote with { ValueId = ConflictingValueId(vote.ValueId, vote.Round) }
                : vote;
            _world.Network.Send(Index, peer.Index, sent);
        }
    }

    /// <summary>The Byzantine node's other story: its twin block, nil for a value, or a made-up value for nil.</summary>
    private string? ConflictingValueId(string? valueId, int round) =>
        valueId is null ? "forged-" + round : _twins.GetValueOrDefault(valueId);

    public void Broadcast(ConsensusProposal proposal)
    {
        ConsensusProposal? other = null;
        if (Byzantine && proposal.Value is SimBlock block)
        {
            var twin = block with { TimestampMs = block.TimestampMs + 1 };
            twin = new SimBlock(twin.Height, twin.ParentId, twin.Proposer, twin.Round, twin.TimestampMs, twin.Txs);
            other = proposal with { Value = twin, PolRound = -1, PolVotes = [] };
            _twins[block.Id] = twin.Id;
        }
        foreach (var peer in _world.Nodes)
        {
            if (peer.Index != Index)
                _world.Network.Send(Index, peer.Index, other is not null && peer.Index % 2 == 1 ? other : proposal);
        }
    }

    public void Commit(ConsensusDecision decision)
    {
        var block = (SimBlock)decision.Value;
        _chain.Add(block);
        _decisions.Add(decision);
        foreach (var tx in block.Txs)
        {
            _finalTxs.Add(tx);
            if (_mempoolSet.Remove(tx))
                _mempool.Remove(tx);
        }
        _world.RecordFinal(this, block);
        foreach (var peer in _world.Nodes)
            if (peer.Index != Index)
                _world.Network.Send(Index, peer.Index, new SimNewBlock(decision));
    }

    public void ReportEquivocation(EquivocationEvidence evidence) => _world.EquivocationsReported++;

    public void OnRoundChanged(ulong height, int round) => _world.RoundChanges++;
}
