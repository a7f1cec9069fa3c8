using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Storage;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

public sealed partial class NodeCore
{
    /// <summary>The consensus engine's window on the core: its outputs become effects.</summary>
    private sealed class Host(NodeCore node) : IConsensusHost
    {
        public long NowMs => node.NowMs;

        public bool HasPendingWork => node.Mempool.Count > 0;

        public long HeadTimestampMs => node.State.Head.TimestampMs;

        public IConsensusValue? CreateValue(ulong height, int round) => node.CreateBlock(height, round);

        public ValueVerdict Validate(IConsensusValue value, int round, out string? error)
        {
            var block = ((BlockValue)value).Block;
            var verdict = BlockValue.Judge(block, round, node._blockValidator, node.State, NowMs, out error);
            if (verdict != ValueVerdict.Valid)
                node._logger.LogWarning("block {Height} {Hash} not valid ({Verdict}): {Error}", block.Index, block.Hash, verdict, error);
            return verdict;
        }

        public bool Authenticate(ConsensusProposal proposal, out string? error)
        {
            error = node._mapping.IsSigned(proposal) ? null : "proposal not signed by its proposer";
            return error is null && node._blockValidator.ValidateIntact(((BlockValue)proposal.Value).Block, out error);
        }

        public bool Authenticate(ConsensusVote vote) => node._mapping.IsSigned(vote);

        public void Schedule(ConsensusTimeout timeout) => node._effects.Add(new ScheduleTimeout(timeout));

        public ConsensusVote Sign(ConsensusVote vote) => vote with { Signature = node._mapping.SignVote(node._key, vote) };

        public ConsensusProposal Sign(ConsensusProposal proposal) => proposal with { Signature = node._mapping.SignProposal(node._key, proposal) };

        public void Broadcast(ConsensusVote vote)
        {
            using var span = node.Telemetry.Source.StartActivity("p2p.send " + (vote.Step == ConsensusStep.Prevote ? "prevote" : "precommit"), ActivityKind.Producer);
            span?.SetTag(ValidatorTelemetry.BlockNumber, (long)vote.Height);
            node._effects.Add(new BroadcastToPeers(node._mapping.ToWire(vote) with { Traceparent = span?.Id }));
        }

        public void Broadcast(ConsensusProposal proposal)
        {
            var block = ((BlockValue)proposal.Value).Block;
            using var span = node.Telemetry.Source.StartActivity("p2p.send proposal", ActivityKind.Producer);
            span?.SetTag(ValidatorTelemetry.BlockNumber, (long)block.Index);
            var message = new ProposalMessage(proposal.Height, proposal.Round, proposal.PolRound, block, proposal.Signature!.Value,
                proposal.PolVotes.Select(node._mapping.ToWire).ToList()) { Traceparent = span?.Id };
            node._effects.Add(new BroadcastToPeers(message));
        }

        public void Commit(ConsensusDecision decision) => node.CommitDecision(decision);

        public void ReportEquivocation(EquivocationEvidence evidence)
        {
            node._equivocations.Add(evidence);
            if (node._equivocations.Count > RecentEquivocations)
                node._equivocations.RemoveAt(0);
            node.Telemetry.Equivocations.Add(1);
            node._store.SaveEvidence(new StoredEvidence(node.Genesis.Validators[evidence.Validator], evidence.Height, evidence.Round,
                evidence.Step.ToString().ToLowerInvariant(), evidence.FirstValueId?.ToString(), evidence.SecondValueId?.ToString(),
                evidence.FirstSignature?.ToString(), evidence.SecondSignature?.ToString(),
                node.NowMs));
            node._logger.LogWarning("equivocation by validator {Validator} at {Height}/{Round} {Step}: {First} vs {Second}",
                node.Genesis.Validators[evidence.Validator], evidence.Height, evidence.Round, evidence.Step, evidence.FirstValueId?.ToString() ?? "nil", evidence.SecondValueId?.ToString() ?? "nil");
        }

        public void OnRoundChanged(ulong height, int round)
        {
            node.Telemetry.RoundChanges.Add(1);
            node._logger.LogInformation("height {Height}: round {Round}", height, round);
        }
    }

    /// <summary>A new block on the head from the mempool: in order, each still valid, within the genesis limits.</summary>
    private BlockValue? CreateBlock(ulong height, int round)
    {
        if (height != State.Height + 1)
            return null;
        using var span = Telemetry.Source.StartActivity("consensus.propose");
        var pending = new PendingView(State);
        var txs = new List<Transaction>();
        var bytes = 0;
        foreach (var entry in Mempool.InOrder)
        {
            var tx = entry.Transaction;
            if (txs.Count >= Genesis.MaxTxsPerBlock || bytes + tx.Size > Genesis.MaxBlockBytes - 4096)
                break;
            if (!_txValidator.ValidateAgainst(tx, pending, out _))
                continue;
            pending.Add(tx);
            txs.Add(tx);
            bytes += tx.Size;
        }
        var block = Block.Create(Genesis.ChainId, height, State.HeadHash, Math.Max(NowMs, State.Head.TimestampMs + 1), round, txs, _key);
        span?.SetTag(ValidatorTelemetry.BlockNumber, (long)height);
        span?.SetTag("evoting.tx_count", txs.Count);
        span?.SetTag("evoting.round", round);
        foreach (var tx in txs)
            TxSpan("tx.included", tx, block);
        return new BlockValue(block);
    }

    /// <summary>Stores the decided block with its certificate (durably), applies it, and tells the peers.</summary>
    private void CommitDecision(ConsensusDecision decision)
    {
        var block = ((BlockValue)decision.Value).Block;
        if (block.Commit is null || block.Commit.Round != decision.Round)
            block = block.WithCommit(new CommitCertificate(decision.Round, decision.Precommits.Select(v => v.Signature!.Value).ToList()));
        using var span = Telemetry.Source.StartActivity("consensus.commit");
        span?.SetTag(ValidatorTelemetry.BlockNumber, (long)block.Index);
        span?.SetTag(ValidatorTelemetry.Validator, block.Header.Validator.ToString());
        _store.AppendBlock(block);
        State.Apply(block);
        _blockCache.Add(block);
        foreach (var tx in block.Transactions)
        {
            TxSpan("tx.final", tx, block);
            _ballotRule.Forget(tx.Hash); // a final transaction is never verified again
        }
        Mempool.RemoveFinal(block, State);
        _seen.Add(block.Hash);
        if (!IsSyncing) // while catching up, peers have it already
        {
            using var send = Telemetry.Source.StartActivity("p2p.send new_block", ActivityKind.Producer);
            // Never back to the peer it came from (new_block or sync_response).
            Address? from = _finalBlockSource is (var hash, var peer) && hash == block.Hash ? peer : null;
            _effects.Add(new BroadcastToPeers(new NewBlock(block) { Traceparent = send?.Id }, from));
        }
        _logger.LogInformation("final block {Height} {Hash} with {Count} txs (round {Round})", block.Index, block.Hash, block.Transactions.Count, decision.Round);
    }

    /// <summary>A span in the transaction's own trace (the context kept from its admission).</summary>
    private void TxSpan(string name, Transaction tx, Block block)
    {
        var parent = Mempool.TryGet(tx.Hash, out var entry) ? entry.Trace : default;
        using var span = parent == default ? Telemetry.Source.StartActivity(name) : Telemetry.Source.StartActivity(name, ActivityKind.Internal, parent);
        span?.SetTag(ValidatorTelemetry.TxHash, tx.Hash.ToString());
        span?.SetTag(ValidatorTelemetry.ElectionId, (long)tx.ElectionId);
        span?.SetTag(ValidatorTelemetry.BlockNumber, (long)block.Index);
        span?.SetTag(ValidatorTelemetry.Validator, block.Header.Validator.ToString());
    }
}
