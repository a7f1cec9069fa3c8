using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

public sealed partial class ValidatorNode
{
    public void OnPeerAuthenticated(PeerConnection peer)
    {
        var hello = peer.Hello!;
        _store.SavePeer(new Storage.PeerRecord(hello.NodeId, hello.Host, hello.P2PPort, hello.RpcPort, hello.Address, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Post(() =>
        {
            NotePeerHeight(hello.Address, hello.Height);
            if (hello.Height > State.Height)
                RequestSync(peer, force: true);
        });
    }

    /// <summary>Called on a connection's read loop: hands the message to the event loop (dropped when the loop is full).</summary>
    public void OnPeerMessage(PeerConnection peer, P2PMessage message)
    {
        if (message is NewTransaction gossip)
            PreverifyBallot(gossip.Transaction);
        Post(() => Handle(peer, message));
    }

    private void Handle(PeerConnection peer, P2PMessage message)
    {
        var from = peer.RemoteAddress!.Value;
        using var span = Telemetry.StartFrom("p2p.receive " + TypeName(message), ActivityKind.Consumer, message.Traceparent);
        switch (message)
        {
            case VoteMessage vote:
                OnVote(peer, vote);
                break;
            case ProposalMessage proposal:
                OnProposal(peer, proposal);
                break;
            case NewBlock newBlock:
                OnFinalBlocks(peer, [newBlock.Block]);
                break;
            case SyncRequest request:
                OnSyncRequest(peer, request);
                break;
            case SyncResponse response:
                OnFinalBlocks(peer, response.Blocks);
                if (response.Blocks.Count > 0 && BestPeerHeight > State.Height)
                    RequestSync(peer, force: true);
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

    private void OnVote(PeerConnection peer, VoteMessage message)
    {
        var vote = _mapping.FromWire(message);
        if (vote is null)
        {
            peer.Close("vote with a bad signature or from a non-validator");
            return;
        }
        NotePeerHeight(peer.RemoteAddress!.Value, message.Height - 1);
        if (message.Height > State.Height + 1)
            RequestSync(peer);
        _engine?.OnVote(vote);
    }

    private void OnProposal(PeerConnection peer, ProposalMessage message)
    {
        var proposer = ProposerSchedule.ProposerFor(Genesis, message.Height, message.Round);
        var digest = ConsensusDigest.Proposal(Genesis.ChainId, message.Height, message.Round, message.PolRound, message.Block.Hash);
        if (Signature.RecoverSigner(digest, message.Signature) != proposer || message.Block.Index != message.Height)
        {
            peer.Close("proposal not signed by the scheduled proposer");
            return;
        }
        NotePeerHeight(peer.RemoteAddress!.Value, message.Height - 1);
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
    private void OnFinalBlocks(PeerConnection peer, IReadOnlyList<Block> blocks)
    {
        foreach (var block in blocks.OrderBy(b => b.Index))
        {
            if (block.Index <= State.Height)
                continue;
            // A peer's claimed height counts only once a quorum certificate (for a block ahead of us)
            // or the whole block (for the next one) checks out: a bad block must not make this node
            // believe the network is ahead (that would mark it syncing and make it abstain at start).
            var valid = block.Index == State.Height + 1
                ? _blockValidator.ValidateFinal(block, State, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var error)
                : _blockValidator.ValidateCertified(block, out error);
            if (!valid)
            {
                _logger.LogWarning("final block {Height} from {Peer} rejected: {Error}", block.Index, peer.Hello?.NodeId, error);
                peer.Close("invalid final block: " + error);
                return;
            }
            NotePeerHeight(peer.RemoteAddress!.Value, block.Index);
            if (block.Index > State.Height + 1)
            {
                RequestSync(peer);
                return;
            }
            var decision = new ConsensusDecision(block.Index, block.Commit!.Round, new BlockValue(block), _mapping.PrecommitsOf(block));
            _finalBlockSource = (block.Hash, peer.RemoteAddress!.Value);
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

    /// <summary>Before consensus starts (the first seconds) synced blocks are committed directly.</summary>
    private void ApplyFinalWithoutEngine(ConsensusDecision decision)
    {
        if (_engine is null && decision.Height == State.Height + 1)
            CommitDecision(decision);
    }

    private void OnSyncRequest(PeerConnection peer, SyncRequest request)
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
            peer.Send(new SyncResponse(blocks));
    }

    private void RequestSync(PeerConnection peer, bool force = false)
    {
        var now = Environment.TickCount64;
        if (!force && now - _lastSyncRequestMs < 300)
            return;
        _lastSyncRequestMs = now;
        var from = State.Height + 1;
        peer.Send(new SyncRequest(from, from + SyncBatchBlocks - 1));
    }

    private void NotePeerHeight(Address peer, ulong height)
    {
        _peerHeights[peer] = Math.Max(_peerHeights.GetValueOrDefault(peer), height);
        BestPeerHeight = Math.Max(BestPeerHeight, height);
    }
}
