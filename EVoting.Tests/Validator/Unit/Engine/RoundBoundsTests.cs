using EVoting.Chain;
using EVoting.Validator.Consensus;
using Xunit;

namespace EVoting.Tests.Validator.Unit.Engine;

/// <summary>
/// Rounds (issue 15, item 5; docs/consensus.md#rounds): a higher round moves a node only on authenticated messages
/// from f + 1 validators, round numbers are capped with no arithmetic that can overflow, and what a node keeps per
/// height is bounded whatever one key sends — without a lead window, so a node far behind still catches up.
/// </summary>
public sealed class RoundBoundsTests
{
    /// <summary>What one height may hold: the kept rounds' proposals and votes (two values per validator and step), and each validator's held messages for a far round and the next height.</summary>
    private static int Bound(int validators)
    {
        const int keptRounds = ConsensusParameters.RoundsKeptBehind + 1 + ConsensusParameters.RoundsKeptAhead;
        return keptRounds * (1 + 2 * 2 * validators) + 2 * validators * 6;
    }

    [Fact]
    public void One_key_voting_in_rounds_1_to_100000_moves_no_one_alone_and_leaves_memory_bounded()
    {
        var cluster = EngineCluster.Isolated(4);
        var engine = cluster.Hosts[0].Engine;
        const int byzantine = 3;
        for (var round = 1; round <= 100_000; round++)
        {
            engine.OnVote(cluster.Vote(byzantine, round % 2 == 0 ? ConsensusStep.Prevote : ConsensusStep.Precommit, 1, round, null));
            if (round % 10_000 == 0)
                Assert.InRange(engine.StoredMessageCount, 0, Bound(4));
        }
        // One key is fewer than the f + 1 = 2 that justify a higher round.
        Assert.Equal(0, engine.Round);

        // A second validator at round 7: two validators have reached round 7 or more, so the node goes there; nothing
        // justifies going further.
        engine.OnVote(cluster.Vote(2, ConsensusStep.Prevote, 1, 7, null));
        Assert.Equal(7, engine.Round);
        Assert.InRange(engine.StoredMessageCount, 0, Bound(4));
    }

    [Fact]
    public void With_three_validators_one_key_moves_the_others_but_memory_stays_bounded()
    {
        var cluster = EngineCluster.Isolated(3);
        var engine = cluster.Hosts[0].Engine;
        for (var round = 1; round <= 20_000; round++)
            engine.OnVote(cluster.Vote(2, ConsensusStep.Prevote, 1, round, null));
        // f + 1 = 1 with three validators (f = 0: they tolerate crashes, not a Byzantine key).
        Assert.Equal(20_000, engine.Round);
        for (var round = 1; round < 20_000; round += 3)
            engine.OnVote(cluster.Vote(1, ConsensusStep.Precommit, 1, round, null)); // old rounds: dropped
        Assert.InRange(engine.StoredMessageCount, 0, Bound(3));
    }

    [Fact]
    public void Higher_round_votes_without_a_valid_signature_move_nothing()
    {
        var cluster = EngineCluster.Isolated(4);
        var engine = cluster.Hosts[0].Engine;
        var before = engine.StoredMessageCount;
        var stranger = EthKey.Generate();
        foreach (var validator in new[] { 2, 3 })
        {
            var vote = new ConsensusVote(ConsensusStep.Prevote, 1, 50, null, validator);
            engine.OnVote(vote with { Signature = cluster.Mapping.SignVote(stranger, vote) }); // signed by someone else
            engine.OnVote(vote); // not signed
            engine.OnVote(cluster.Vote(validator, ConsensusStep.Prevote, 1, 49, null) with { Round = 50 }); // signed for another round
        }
        Assert.Equal(0, engine.Round);
        Assert.Equal(before, engine.StoredMessageCount);
    }

    [Fact]
    public void Rounds_beyond_the_cap_are_refused_and_the_cap_itself_does_not_overflow()
    {
        var cluster = EngineCluster.Isolated(4);
        var engine = cluster.Hosts[0].Engine;
        var before = engine.StoredMessageCount;
        foreach (var round in new[] { int.MaxValue, ConsensusParameters.MaxRound + 1 })
        {
            engine.OnVote(cluster.Vote(2, ConsensusStep.Precommit, 1, round, null));
            engine.OnVote(cluster.Vote(3, ConsensusStep.Precommit, 1, round, null));
        }
        Assert.Equal(0, engine.Round);
        Assert.Equal(before, engine.StoredMessageCount);

        // Two validators at the cap move the node to n rounds short of it (a round of every proposer still ahead);
        // its precommit timeouts take it to the cap and not past.
        engine.OnVote(cluster.Vote(2, ConsensusStep.Precommit, 1, ConsensusParameters.MaxRound, null));
        engine.OnVote(cluster.Vote(3, ConsensusStep.Precommit, 1, ConsensusParameters.MaxRound, null));
        Assert.Equal(ConsensusParameters.MaxRound - 4, engine.Round);
        for (var i = 0; i < 6; i++)
            engine.OnTimeout(new ConsensusTimeout(TimeoutKind.Precommit, 1, engine.Round, 0));
        Assert.Equal(ConsensusParameters.MaxRound, engine.Round);
        Assert.InRange(engine.StoredMessageCount, 0, Bound(4));
        Assert.True(cluster.Parameters.TimeoutMs(ConsensusParameters.MaxRound) > 0);
        Assert.Equal((int)((1 + (ulong)ConsensusParameters.MaxRound) % 4), cluster.Parameters.ProposerIndex(1, ConsensusParameters.MaxRound));
    }

    [Fact]
    public void A_node_many_rounds_behind_after_a_long_partition_catches_up()
    {
        var cluster = new EngineCluster(4);
        cluster.Submit(cluster.Txs.Open());
        var healed = false;
        // Node 3 is cut off, and the others' proposals are lost: they go round after round without a block.
        cluster.Deliver = (from, to, message) => healed || (from != 3 && to != 3 && message is ConsensusVote) ? [message] : [];
        cluster.Start();
        Assert.True(cluster.RunUntil(() => cluster.Hosts[0].Engine.Round >= 20, 600_000), "the connected three reach round 20");
        var behind = cluster.Hosts[3].Engine.Round;
        Assert.True(cluster.Hosts[0].Engine.Round - behind > ConsensusParameters.RoundsKeptAhead, $"node 3 is at round {behind}");
        Assert.All(cluster.Hosts, h => Assert.Equal(0ul, h.State.Height));

        healed = true;
        Assert.True(cluster.RunUntil(() => cluster.Hosts.All(h => h.State.Height >= 1), 60_000), "all four decide once the partition heals");
        Assert.All(cluster.Hosts, h => Assert.Equal(cluster.Hosts[0].Final[0].Hash, h.Final[0].Hash));
        Assert.All(cluster.Hosts, h => Assert.InRange(h.Engine.StoredMessageCount, 0, Bound(4)));
    }
}
