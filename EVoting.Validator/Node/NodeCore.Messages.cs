using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

public sealed partial class NodeCore
{
    /// <summary>The hello's height is a hint: it makes the node ask for blocks, never believe it is behind (only blocks prove that).</summary>
    private void OnPeerConnected(Address peer, ulong claimedHeight)
    {
        if (claimedHeight > State.Height)
            RequestSync(peer, force: true);
    }

    private void OnPeerMessage(Address from, P2PMessage message)
    {
        using var span = Telemetry.StartFrom("p2p.receive " + TypeName(message), ActivityKind.Consumer, message.Traceparent);
        switch (message)
        {
            case VoteMessage vote:
                OnVote(from, vote);
                break;
            case ProposalMessage proposal:
                OnProposal(from, proposal);
                break;
            case NewBlock newBlock:
                OnFinalBlocks(from, [newBlock.Block]);
                break;
            case SyncRequest request:
                OnSyncRequest(from, request);
                break;
            case SyncResponse response:
                var before = State.Height;
                OnFinalBlocks(from, response.Blocks);
                if (State.Height > before) // the peer may have more: ask until a response brings nothing new
                    RequestSync(from, force: true);
                break;
            case NewTransaction tx:
                var error = Admit(tx.Transaction, from);
                if (error is not null && error.Code != RpcRejection.AlreadyKnown)
                    _logger.LogDebug("gossiped tx {Hash} refused: {Reason}", tx.Transaction.Hash, error.Message);
                break;
        }
    }
    private static string TypeName(P2PMessage m) => m switch
    {
        VoteMessage v => v.Type == VoteType.Prevote ? "prevote" : "precommit",
        ProposalMessage => "proposal",
        NewBlock => "new_block",
        SyncRequest => "sync_request",
        SyncResponse => "sync_response",
        NewTransaction => "new_transaction",
        _ => "message",
    };

    private void OnVote(Address peer, VoteMessage message)
    {
        var vote = _mapping.FromWire(message);
        if (vote is null)
        {
            Disconnect(peer, "vote with a bad signature or from a non-validator");
            return;
        }
        NotePeerHeight(message.Height - 1);
        if (message.Height > State.Height + 1)
            RequestSync(peer);
        _engine?.OnVote(vote);
    }

    private void OnProposal(Address peer, ProposalMessage message)
    {
        var proposer = ProposerSchedule.ProposerFor(Genesis, message.Height, message.Round);
        var digest = ConsensusDigest.Proposal(Genesis.ChainId, message.Height, message.Round, message.PolRound, message.Block.Hash);
        if (_mapping.SignerOf(digest, message.Signature) != proposer || message.Block.Index != message.Height)
        {
            Disconnect(peer, "proposal not signed by the scheduled proposer");
            return;
        }
        NotePeerHeight(message.Height - 1);
        if (message.Height > State.Height + 1)
        {
            RequestSync(peer);
            return;
        }
        var polVotes = message.PolVotes.Select(_mapping.FromWire).OfType<ConsensusVote>().ToList();
        _engine?.OnProposal(new ConsensusProposal(message.Height, message.Round, message.PolRound, new BlockValue(message.Block),
            Genesis.IndexOf(proposer), polVotes, message.Signature));
    }

    /// <summary>Final blocks from new_block or sync: each verified (certificate and contents) before it is stored, in order.</summary>
    private void OnFinalBlocks(Address peer, IReadOnlyList<Block> blocks)
    {
        foreach (var block in blocks.OrderBy(b => b.Index))
        {
            if (block.Index <= State.Height)
                continue;
            // A peer's claimed height counts only once a quorum certificate (for a block ahead of us)
            // or the whole block (for the next one) checks out: a bad block must not make this node
            // believe the network is ahead (that would mark it syncing and make it abstain at start).
            var valid = block.Index == State.Height + 1
                ? _blockValidator.ValidateFinal(block, State, NowMs, out var error)
                : _blockValidator.ValidateCertified(block, out error);
            if (!valid)
            {
                _logger.LogWarning("final block {Height} from {Peer} rejected: {Error}", block.Index, peer, error);
                Disconnect(peer, "invalid final block: " + error);
                return;
            }
            NotePeerHeight(block.Index);
            if (block.Index > State.Height + 1)
            {
                RequestSync(peer);
                return;
            }
            var decision = new ConsensusDecision(block.Index, block.Commit!.Round, new BlockValue(block), _mapping.PrecommitsOf(block));
            _finalBlockSource = (block.Hash, peer);
            try
            {
                if (_engine is null || !_engine.OnDecision(decision))
                    ApplyFinalWithoutEngine(decision);
            }
            finally
            {
                _finalBlockSource = null;
            }
        }
    }

    /// <summary>Before consensus starts synced blocks are committed directly.</summary>
    private void ApplyFinalWithoutEngine(ConsensusDecision decision)
    {
        if (_engine is null && decision.Height == State.Height + 1)
            CommitDecision(decision);
    }

    private void OnSyncRequest(Address peer, SyncRequest request)
    {
        var from = Math.Max(1, request.FromIndex);
        var to = Math.Min(request.ToIndex, from + SyncBatchBlocks - 1);
        var blocks = new List<Block>();
        var bytes = 0L;
        foreach (var block in BlocksBetween(from, to))
        {
            bytes += block.Size;
            if (blocks.Count > 0 && bytes > FrameCodec.DefaultMaxFrameBytes / 4)
                break;
            blocks.Add(block);
        }
        if (blocks.Count > 0)
            _effects.Add(new SendToPeer(peer, new SyncResponse(blocks)));
    }

    private void RequestSync(Address peer, bool force = false)
    {
        var now = NowMs;
        if (!force && now - _lastSyncRequestMs < SyncRequestIntervalMs)
            return;
        _lastSyncRequestMs = now;
        var from = State.Height + 1;
        _effects.Add(new SendToPeer(peer, new SyncRequest(from, from + SyncBatchBlocks - 1)));
    }

    private void NotePeerHeight(ulong height) => BestPeerHeight = Math.Max(BestPeerHeight, height);

    private void Disconnect(Address peer, string reason) => _effects.Add(new DisconnectPeer(peer, reason));
}
