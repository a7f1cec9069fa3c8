using EVoting.Validator.Consensus;
using EVoting.Validator.Node;
using Xunit;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>
/// A Byzantine validator that fills its vote-set slot cannot keep its genuine vote inside a proof of lock from counting
/// (the stall of simulation seed 20155, docs/consensus.md#the-rules-one-method-each-in-tendermintengine, rule 4): a vote
/// set keeps at most two values per validator, so its nil prevote for a later round and a prevote for another block
/// there made its third, the one the others' polka holds, be ignored; a node locked in an earlier round then refused
/// the re-proposal of the polka's block in every later round, and the polka's nodes refused its lock. Four real
/// engines, real blocks and signatures (<see cref="EngineCluster"/>).
/// </summary>
public sealed class ProofOfLockSlotTests
{
    private const int Byzantine = 2; // the proposer of height 1, round 1

    [Fact]
    public void A_node_locked_in_an_earlier_round_accepts_a_re_proposal_whose_proof_holds_a_vote_its_vote_set_had_no_room_for()
    {
        var cluster = EngineCluster.Isolated(4);
        cluster.Submit(cluster.Txs.Open());
        var node = cluster.Hosts[0];
        var a = cluster.Hosts[1].CreateValue(1, 0)!;
        var b = cluster.Hosts[Byzantine].CreateValue(1, 1)!;
        Assert.NotEqual(a.Id, b.Id);

        // Round 0: validator 1 proposes A, validators 1 and 3 prevote it; node 0 prevotes it too and locks on A.
        node.Engine.OnProposal(cluster.Proposal(new ConsensusProposal(1, 0, -1, a, 1, [])));
        node.Engine.OnVote(cluster.Vote(1, ConsensusStep.Prevote, 1, 0, a.Id));
        node.Engine.OnVote(cluster.Vote(3, ConsensusStep.Prevote, 1, 0, a.Id));
        Assert.Equal(0, node.Engine.LockedRound);
        Assert.Contains(node.Signed, v => v is { Step: ConsensusStep.Precommit, Round: 0 } && v.ValueId == a.Id);

        // Round 1: the Byzantine proposer's B gets the prevotes of 1, 3 and its own, which node 0 never sees. To node 0
        // it sends a nil prevote for round 1 early (while node 0 is in round 0), then one for A: its slot there is full.
        var proof = new[] { 1, Byzantine, 3 }.Select(v => cluster.Vote(v, ConsensusStep.Prevote, 1, 1, b.Id)).ToList();
        node.Engine.OnVote(cluster.Vote(Byzantine, ConsensusStep.Prevote, 1, 1, null));
        node.Engine.OnVote(cluster.Vote(Byzantine, ConsensusStep.Prevote, 1, 1, a.Id));

        // Validators 1 and 3 are in round 2, where validator 3 re-proposes B with round 1 as its proof.
        node.Engine.OnVote(cluster.Vote(1, ConsensusStep.Precommit, 1, 2, null));
        node.Engine.OnVote(cluster.Vote(3, ConsensusStep.Precommit, 1, 2, null));
        Assert.Equal(2, node.Engine.Round);
        node.Engine.OnProposal(cluster.Proposal(new ConsensusProposal(1, 2, 1, b, 3, proof)));

        // The proof's three genuine votes count: node 0 (locked in round 0 < 1) prevotes B, so the honest three agree.
        Assert.Contains(node.Signed, v => v is { Step: ConsensusStep.Prevote, Round: 2 } && v.ValueId == b.Id);
        Assert.Contains(node.Equivocations, e => e.Validator == Byzantine && e.Round == 1);
    }

    [Fact]
    public void A_proof_of_lock_with_fewer_than_a_quorum_of_genuine_votes_is_still_refused()
    {
        var cluster = EngineCluster.Isolated(4);
        cluster.Submit(cluster.Txs.Open());
        var node = cluster.Hosts[0];
        var b = cluster.Hosts[Byzantine].CreateValue(1, 1)!;
        node.Engine.OnVote(cluster.Vote(1, ConsensusStep.Precommit, 1, 2, null));
        node.Engine.OnVote(cluster.Vote(3, ConsensusStep.Precommit, 1, 2, null));
        Assert.Equal(2, node.Engine.Round);

        // Two genuine votes and the Byzantine key's signature under validator 1's name: two of a quorum of three.
        var forged = cluster.Vote(Byzantine, ConsensusStep.Prevote, 1, 1, b.Id) with { Validator = 1 };
        var proof = new[] { Byzantine, 3 }.Select(v => cluster.Vote(v, ConsensusStep.Prevote, 1, 1, b.Id)).Append(forged).ToList();
        node.Engine.OnProposal(cluster.Proposal(new ConsensusProposal(1, 2, 1, b, 3, proof)));

        Assert.DoesNotContain(node.Signed, v => v is { Step: ConsensusStep.Prevote, Round: 2 } && v.ValueId == b.Id);
    }
}
