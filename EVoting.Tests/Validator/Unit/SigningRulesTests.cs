using EVoting.Chain;
using EVoting.Validator.Consensus;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

public sealed class SigningRulesTests
{
    private static readonly Hash32 A = Keccak.Hash32("A"u8);
    private static readonly Hash32 B = Keccak.Hash32("B"u8);

    private static SigningState? Sign(SigningState? state, ulong h, int r, ConsensusStep step, Hash32? value) =>
        SigningRules.Next(state, h, r, step, value, LockState.None);

    [Fact]
    public void A_second_different_signature_for_one_slot_is_refused_and_the_same_one_is_allowed()
    {
        var s = Sign(null, 5, 0, ConsensusStep.Prevote, A);
        Assert.NotNull(s);
        Assert.Null(Sign(s, 5, 0, ConsensusStep.Prevote, B));
        Assert.Null(Sign(s, 5, 0, ConsensusStep.Prevote, null));
        Assert.NotNull(Sign(s, 5, 0, ConsensusStep.Prevote, A));
    }

    [Fact]
    public void Going_back_to_an_unsigned_earlier_slot_or_height_is_refused()
    {
        var s = Sign(null, 5, 3, ConsensusStep.Precommit, null);
        Assert.Null(Sign(s, 5, 3, ConsensusStep.Prevote, A));
        Assert.Null(Sign(s, 5, 2, ConsensusStep.Precommit, A));
        Assert.Null(Sign(s, 4, 9, ConsensusStep.Precommit, A));
        Assert.NotNull(Sign(s, 5, 4, ConsensusStep.Propose, A));
        Assert.NotNull(Sign(s, 6, 0, ConsensusStep.Prevote, B));
    }

    [Fact]
    public void Slots_of_the_previous_round_can_be_re_signed_after_a_restart()
    {
        var s = Sign(null, 5, 1, ConsensusStep.Prevote, A);
        s = Sign(s, 5, 1, ConsensusStep.Precommit, A);
        s = Sign(s, 5, 2, ConsensusStep.Prevote, null);
        Assert.NotNull(Sign(s, 5, 1, ConsensusStep.Precommit, A));
        Assert.Null(Sign(s, 5, 1, ConsensusStep.Precommit, null));
        s = Sign(s, 5, 3, ConsensusStep.Prevote, null);
        Assert.Null(Sign(s, 5, 1, ConsensusStep.Precommit, A)); // no longer remembered: refused, never contradicted
    }

    [Theory]
    [InlineData(3, 2, 0, 1)]
    [InlineData(4, 3, 1, 2)]
    [InlineData(7, 5, 2, 3)]
    [InlineData(1, 1, 0, 1)]
    public void Quorum_fault_tolerance_and_round_skip_threshold_follow_from_n(int n, int quorum, int faults, int skip)
    {
        var p = new ConsensusParameters(n, 1000, 1000, 10_000);
        Assert.Equal(quorum, p.Quorum);
        Assert.Equal(faults, p.FaultTolerance);
        Assert.Equal(skip, p.RoundSkipThreshold);
    }

    [Fact]
    public void Round_timeouts_grow_linearly_and_are_capped()
    {
        var p = new ConsensusParameters(3, 1000, 1000, 10_000);
        Assert.Equal(1000, p.TimeoutMs(0));
        Assert.Equal(1500, p.TimeoutMs(1));
        Assert.Equal(2000, p.TimeoutMs(2));
        Assert.Equal(8000, p.TimeoutMs(100));
    }

    [Fact]
    public void The_proposer_rotates_with_height_and_round()
    {
        var p = new ConsensusParameters(3, 1000, 1000, 10_000);
        Assert.Equal(1, p.ProposerIndex(1, 0));
        Assert.Equal(2, p.ProposerIndex(1, 1));
        Assert.Equal(0, p.ProposerIndex(2, 1));
    }
}
