using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.Node;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>
/// One validator of an <see cref="EngineCluster"/>: the engine's host over a real chain state, judging blocks with the
/// node's rules (<see cref="BlockValue.Judge"/>, <see cref="BlockValidator.ValidateIntact"/>) and signing with its key.
/// Its clock is the cluster's plus <see cref="ClockOffsetMs"/>.
/// </summary>
internal sealed class BlockHost : IConsensusHost
{
    private readonly EngineCluster _cluster;
    private readonly EthKey _key;
    private readonly BlockValidator _validator;

    public BlockHost(EngineCluster cluster, int index)
    {
        _cluster = cluster;
        Index = index;
        _key = cluster.Keys[index];
        _validator = new BlockValidator(new TransactionValidator(cluster.Genesis, new BallotRule()));
        State = new ChainState(cluster.Genesis);
        Engine = new TendermintEngine(cluster.Parameters, index, this, Guard);
    }

    public int Index { get; }

    public ChainState State { get; }

    public MemoryGuard Guard { get; } = new();

    public TendermintEngine Engine { get; }

    public long ClockOffsetMs { get; set; }

    public List<Transaction> Pending { get; } = [];

    public List<Block> Final { get; } = [];

    /// <summary>Every vote this node signed, in order.</summary>
    public List<ConsensusVote> Signed { get; } = [];

    public List<EquivocationEvidence> Equivocations { get; } = [];

    public void Receive(IConsensusMessage message)
    {
        if (message is ConsensusVote vote)
            Engine.OnVote(vote);
        else
            Engine.OnProposal((ConsensusProposal)message);
    }

    public long NowMs => _cluster.Now + ClockOffsetMs;

    public bool HasPendingWork => Pending.Count > 0;

    public long HeadTimestampMs => State.Head.TimestampMs;

    public IConsensusValue? CreateValue(ulong height, int round) => height != State.Height + 1 ? null
        : new BlockValue(Block.Create(_cluster.Genesis.ChainId, height, State.HeadHash, Math.Max(NowMs, State.Head.TimestampMs + 1), round, Pending.ToList(), _key));

    public ValueVerdict Validate(IConsensusValue value, int round, out string? error) =>
        BlockValue.Judge(((BlockValue)value).Block, round, _validator, State, NowMs, out error);

    public bool Authenticate(ConsensusProposal proposal, out string? error)
    {
        error = _cluster.Mapping.IsSigned(proposal) ? null : "proposal not signed by its proposer";
        return error is null && _validator.ValidateIntact(((BlockValue)proposal.Value).Block, out error);
    }

    public bool Authenticate(ConsensusVote vote) => _cluster.Mapping.IsSigned(vote);

    public void Schedule(ConsensusTimeout timeout) => _cluster.At(timeout.DueMs - ClockOffsetMs, () => Engine.OnTimeout(timeout));

    public ConsensusVote Sign(ConsensusVote vote)
    {
        var signed = vote with { Signature = _cluster.Mapping.SignVote(_key, vote) };
        Signed.Add(signed);
        return signed;
    }

    public ConsensusProposal Sign(ConsensusProposal proposal) => proposal with { Signature = _cluster.Mapping.SignProposal(_key, proposal) };

    public void Broadcast(ConsensusVote vote) => _cluster.Send(Index, vote);

    public void Broadcast(ConsensusProposal proposal) => _cluster.Send(Index, proposal);

    public void Commit(ConsensusDecision decision)
    {
        var block = ((BlockValue)decision.Value).Block
            .WithCommit(new CommitCertificate(decision.Round, decision.Precommits.Select(v => (Signature)v.Signature!).ToList()));
        State.Apply(block);
        Final.Add(block);
        Pending.RemoveAll(tx => State.HasTransaction(tx.Hash));
    }

    public void ReportEquivocation(EquivocationEvidence evidence) => Equivocations.Add(evidence);

    public void OnRoundChanged(ulong height, int round)
    {
    }
}
