using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>
/// The chain's indexes keep compact keys (Key32) instead of the hashes and nullifier strings
/// themselves; these check that every lookup still answers exactly as a set of the originals would.
/// </summary>
public sealed class ChainStateIndexTests
{
    [Fact]
    public void Applied_votes_are_found_by_nullifier_ballot_hash_and_transaction_hash_and_nothing_else_is()
    {
        var chain = new TestChain();
        var open = chain.Open(1);
        var votes = Enumerable.Range(0, 200).Select(v => chain.Vote(1, v)).ToArray();
        chain.State.Apply(chain.Propose([open, .. votes]));

        for (var v = 0; v < votes.Length; v++)
        {
            Assert.True(chain.State.HasNullifier(1, TestChain.Nullifier(v)));
            Assert.True(chain.State.HasBallotHash(1, votes[v].BallotHash));
            Assert.True(chain.State.TryGetLocation(votes[v].Hash, out var location));
            Assert.Equal(new TxLocation(1, v + 1), location);
        }
        Assert.True(chain.State.HasTransaction(open.Hash));
        Assert.Equal(201, chain.State.TransactionCount);

        var unseen = chain.Vote(1, 999);
        Assert.False(chain.State.HasNullifier(1, TestChain.Nullifier(999)));
        Assert.False(chain.State.HasBallotHash(1, unseen.BallotHash));
        Assert.False(chain.State.HasTransaction(unseen.Hash));
        Assert.False(chain.State.TryGetLocation(unseen.Hash, out _));
        // Per election: the same nullifier in another election is not used.
        Assert.False(chain.State.HasNullifier(2, TestChain.Nullifier(0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("anon-")]
    [InlineData("voter-1")]
    public void A_malformed_voter_id_is_not_mistaken_for_a_used_nullifier(string voterId)
    {
        var chain = new TestChain();
        chain.State.Apply(chain.Propose([chain.Open(1), chain.Vote(1, 0)]));

        Assert.False(chain.State.HasNullifier(1, voterId));
    }

    [Fact]
    public void An_upper_case_spelling_of_a_used_nullifier_is_not_the_same_voter_id()
    {
        var chain = new TestChain();
        chain.State.Apply(chain.Propose([chain.Open(1), chain.Vote(1, 0)]));
        var upper = "anon-" + TestChain.Nullifier(0)["anon-".Length..].ToUpperInvariant();

        Assert.False(chain.State.HasNullifier(1, upper));
    }
}
