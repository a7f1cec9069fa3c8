using EVoting.Chain;

namespace EVoting.Tests.Chain;

public class ProposerScheduleTests
{
    [Theory]
    [InlineData(3, 1, 0, 1)]
    [InlineData(3, 1, 1, 2)]
    [InlineData(3, 1, 2, 0)]
    [InlineData(3, 3, 0, 0)]
    [InlineData(4, 7, 3, 2)]
    [InlineData(4, ulong.MaxValue, 1, 0)]
    public void Proposer_of_height_h_in_round_r_is_validator_h_plus_r_mod_n(int n, ulong height, int round, int expected)
    {
        var chain = new TestChain(validators: n);
        Assert.Equal(chain.Genesis.Validators[expected], ProposerSchedule.ProposerFor(chain.Genesis, height, round));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, 4)]
    [InlineData(7, 5)]
    public void Quorum_is_ceil_two_thirds(int n, int quorum)
    {
        Assert.Equal(quorum, new TestChain(validators: n).Genesis.Quorum);
    }
}
