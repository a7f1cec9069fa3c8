using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>The seed design's unit tests (tests/test_validator.py), restated for this chain.</summary>
public class SeedValidatorTests
{
    [Fact]
    public void A_validator_creates_block_1_and_its_signature_verifies()
    {
        var chain = new TestChain();
        var proposer = chain.ProposerKey(1);
        var block = chain.Propose([chain.Open(1)], proposer: proposer);
        Assert.Equal(1UL, block.Index);
        Assert.Equal(proposer.Address, block.Header.Validator);
        Assert.Equal(proposer.Address, Signature.RecoverSigner(block.Hash, block.Signature));
    }

    [Fact]
    public void A_valid_block_validates_and_tampering_with_one_votes_encrypted_vote_invalidates_it()
    {
        var chain = new TestChain();
        chain.Commit(chain.Open(1));
        var block = chain.Propose([chain.Vote(1, 1), chain.Vote(1, 2)]);
        Assert.True(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error), error);

        var tampered = block.Transactions[0] with { EncryptedVote = [0x00] };
        var bad = block with { Transactions = [tampered, block.Transactions[1]] };
        Assert.False(chain.BlockValidator.ValidateProposal(bad, chain.State, chain.Now, out error));
        Assert.Equal(ValidationErrors.BlockRootMismatch, error);
    }

    [Fact]
    public void Three_validators_each_produce_their_round_robin_block_and_the_others_accept_it()
    {
        var chain = new TestChain(validators: 3);
        chain.Commit(chain.Open(1));
        for (var i = 0; i < 3; i++)
        {
            var height = chain.State.Height + 1;
            var proposer = chain.ProposerKey(height);
            Assert.Equal(chain.Genesis.Validators[(int)(height % 3)], proposer.Address);
            var block = chain.Propose([chain.Vote(1, 10 + i)], proposer: proposer);
            foreach (var other in chain.ValidatorKeys.Where(k => k != proposer))
                Assert.True(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error), $"{other.Address}: {error}");
            chain.State.Apply(block.WithCommit(chain.Certify(block)));
        }
        Assert.Equal(4UL, chain.State.Height);
    }
}
