using EVoting.Chain;
using EVoting.Validator.Consensus;
using EVoting.Validator.Node;
using Xunit;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>
/// Verdicts that cannot stick (issue 15, item 4; docs/consensus.md#what-is-cached): a tampered copy of a proposal that
/// keeps the genuine block hash and proposal signature, delivered first, is refused before it is stored, so the
/// genuine block is decided; a verdict that depends on the clock is asked again; a certified block is judged on its
/// own. Four real engines, real blocks and signatures (<see cref="EngineCluster"/>).
/// </summary>
public sealed class StickyVerdictTests
{
    public static TheoryData<string> Tampering => ["transaction signature", "block signature", "header"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public void A_tampered_copy_delivered_first_does_not_keep_the_node_from_deciding_the_genuine_block(string tampering)
    {
        var cluster = new EngineCluster(4);
        cluster.Submit(cluster.Txs.Open());
        // An attacker on the path to node 0 delivers its own copy of every proposal just before the genuine one.
        cluster.Deliver = (_, to, message) => to == 0 && message is ConsensusProposal p ? [Tampered(p, tampering), p] : [message];
        cluster.Start();

        Assert.True(cluster.RunUntil(() => cluster.Hosts.All(h => h.State.Height >= 1), 10_000), "every node decides height 1");
        var genuine = cluster.Hosts[1].Final[0];
        Assert.Single(genuine.Transactions);
        Assert.All(cluster.Hosts, h => Assert.Equal(genuine.Hash, h.Final[0].Hash));
        // Node 0 judged the genuine block, not the copy: it prevoted it in the round it was proposed.
        Assert.Contains(cluster.Hosts[0].Signed, v => v is { Step: ConsensusStep.Prevote, Height: 1, Round: 0 } && v.ValueId == genuine.Hash);
    }

    [Fact]
    public void A_clock_behind_at_first_does_not_keep_the_node_from_deciding_once_it_is_right()
    {
        var cluster = new EngineCluster(4);
        cluster.Submit(cluster.Txs.Open());
        var late = cluster.Hosts[0];
        late.ClockOffsetMs = -(cluster.Genesis.MaxClockDriftMs + 1_000);
        cluster.Start();

        Assert.True(cluster.RunUntil(() => cluster.Hosts.Skip(1).All(h => h.State.Height >= 1), 10_000), "the three others decide height 1");
        Assert.Equal(0ul, late.State.Height);
        // Its clock made the block look like one from the future: it prevoted nil.
        Assert.Contains(late.Signed, v => v is { Step: ConsensusStep.Prevote, Height: 1, Round: 0, ValueId: null });

        late.ClockOffsetMs = 0;
        Assert.True(cluster.RunUntil(() => late.State.Height >= 1, 2_000), "the node decides once its clock is right");
        Assert.Equal(cluster.Hosts[1].Final[0].Hash, late.Final[0].Hash);
    }

    [Fact]
    public void A_certified_block_is_judged_on_its_own_after_a_refused_tampered_copy_and_a_clock_behind()
    {
        var cluster = new EngineCluster(4);
        cluster.Submit(cluster.Txs.Open());
        var cut = cluster.Hosts[0];
        // Node 0 hears only tampered copies of proposals, and no votes; its clock is behind.
        cluster.Deliver = (_, to, message) => to != 0 ? [message] : message is ConsensusProposal p ? [Tampered(p, "transaction signature")] : [];
        cut.ClockOffsetMs = -(cluster.Genesis.MaxClockDriftMs + 1_000);
        cluster.Start();
        Assert.True(cluster.RunUntil(() => cluster.Hosts.Skip(1).All(h => h.State.Height >= 1), 10_000), "the three others decide height 1");
        Assert.Equal(0ul, cut.State.Height);

        // The certified block, as new_block or sync delivers it: not yet, while the clock says its timestamp is ahead...
        var decision = cluster.DecisionOf(cluster.Hosts[1].Final[0]);
        Assert.False(cut.Engine.OnDecision(decision));
        // ...not with a certificate of forged precommits...
        cut.ClockOffsetMs = 0;
        var stranger = EthKey.Generate();
        Assert.False(cut.Engine.OnDecision(decision with
        {
            Precommits = decision.Precommits.Select(v => v with { Signature = cluster.Mapping.SignVote(stranger, v) }).ToList(),
        }));
        // ...and decided with its own certificate once the clock is right, whatever was seen before.
        Assert.True(cut.Engine.OnDecision(decision));
        Assert.Equal(decision.Value.Id, cut.Final[0].Hash);
        Assert.Equal(2ul, cut.Engine.Height);
    }

    [Fact]
    public void Forged_proof_of_lock_votes_do_not_count_and_do_not_keep_the_genuine_ones_from_counting()
    {
        var cluster = EngineCluster.Isolated(4);
        cluster.Submit(cluster.Txs.Open());
        var node = cluster.Hosts[0];
        // The block validator 1 proposed in round 0, with the prevotes of validators 1, 2, 3 for it: a proof of lock.
        var block = ((BlockValue)cluster.Hosts[1].CreateValue(1, 0)!).Block;
        var id = block.Hash;
        var proof = new[] { 1, 2, 3 }.Select(v => cluster.Vote(v, ConsensusStep.Prevote, 1, 0, id)).ToList();
        // Node 0 reaches round 1 (validators 1 and 3 are there), where validator 2 re-proposes the block with round 0 as its proof.
        node.Engine.OnVote(cluster.Vote(1, ConsensusStep.Precommit, 1, 1, null));
        node.Engine.OnVote(cluster.Vote(3, ConsensusStep.Precommit, 1, 1, null));
        Assert.Equal(1, node.Engine.Round);
        var reproposal = cluster.Proposal(new ConsensusProposal(1, 1, 0, new BlockValue(block), 2, proof));

        // First a copy whose proof was forged (the proposal's signature does not cover it): no prevote for the block.
        var stranger = EthKey.Generate();
        var forged = proof.Select(v => v with { Signature = cluster.Mapping.SignVote(stranger, v) }).ToList();
        node.Engine.OnProposal(reproposal with { PolVotes = forged });
        Assert.DoesNotContain(node.Signed, v => v is { Step: ConsensusStep.Prevote, Round: 1 });

        // Then the genuine copy: its proof counts, and node 0 prevotes the block.
        node.Engine.OnProposal(reproposal);
        Assert.Contains(node.Signed, v => v is { Step: ConsensusStep.Prevote, Round: 1 } && v.ValueId == id);
    }

    private static ConsensusProposal Tampered(ConsensusProposal proposal, string tampering)
    {
        var block = ((BlockValue)proposal.Value).Block;
        var stranger = EthKey.Generate();
        var copy = tampering switch
        {
            // Each keeps the block hash the proposal signature covers.
            "transaction signature" => block with { Transactions = block.Transactions.Select(tx => tx with { Signature = stranger.Sign(tx.Hash) }).ToList() },
            "block signature" => block with { Signature = stranger.Sign(block.Hash) },
            _ => block with { Header = block.Header with { TimestampMs = block.Header.TimestampMs + 1 } },
        };
        Assert.Equal(block.Hash, copy.Hash);
        return proposal with { Value = new BlockValue(copy) };
    }
}
