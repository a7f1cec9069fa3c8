using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>One case per transaction rule: each breaks exactly that rule and expects its reason.</summary>
public class TransactionValidationRuleTests
{
    public static TheoryData<string> Rules => new(Cases.Keys);

    private static readonly Dictionary<string, (Func<TestChain, Transaction> Make, string Error)> Cases = new()
    {
        ["wrong_chain_id"] = (c => (c.Vote(1, 9) with { ChainId = 99 }).Sign(c.Submitter), ValidationErrors.TxWrongChain),
        ["too_large"] = (c => c.Vote(1, 9, encryptedVote: new byte[70_000]), ValidationErrors.TxTooLarge),
        ["unsigned"] = (c => c.Vote(1, 9) with { Signature = default }, ValidationErrors.TxBadSignature),
        ["unauthorized_submitter"] = (c => c.Vote(1, 9, signer: EthKey.Generate()), ValidationErrors.TxUnauthorizedSubmitter),
        ["validator_is_not_a_submitter"] = (c => c.Vote(1, 9, signer: c.ValidatorKeys[0]), ValidationErrors.TxUnauthorizedSubmitter),
        ["election_zero"] = (c => (c.Vote(1, 9) with { ElectionId = 0 }).Sign(c.Submitter), ValidationErrors.TxZeroElection),
        ["duplicate_transaction"] = (c => c.Vote(1, 1), ValidationErrors.TxDuplicate),
        ["vote_in_unknown_election"] = (c => c.Vote(42, 9), ValidationErrors.ElectionUnknown),
        ["vote_in_closed_election"] = (c => c.Vote(2, 9), ValidationErrors.ElectionClosed),
        ["bad_nullifier"] = (c => (c.Vote(1, 9) with { Nullifier = "voter-17" }).Sign(c.Submitter), ValidationErrors.VoteBadNullifier),
        ["uppercase_nullifier"] = (c => (c.Vote(1, 9) with { Nullifier = c.Vote(1, 9).Nullifier.ToUpperInvariant() }).Sign(c.Submitter), ValidationErrors.VoteBadNullifier),
        ["duplicate_nullifier"] = (c => (c.Vote(1, 1) with { Timestamp = 5, BallotHash = Keccak.Hash32("new"u8) }).Sign(c.Submitter), ValidationErrors.VoteDuplicateNullifier),
        ["duplicate_ballot_hash"] = (c => (c.Vote(1, 9) with { BallotHash = c.Vote(1, 1).BallotHash }).Sign(c.Submitter), ValidationErrors.VoteDuplicateBallotHash),
        ["invalid_ballot"] = (c => c.Vote(1, 9, encryptedVote: [0xBA, 0xD0, 1]), $"{ValidationErrors.VoteInvalidBallot}: {MarkerBallotRule.Reason}"),
        ["open_existing_election"] = (c => (c.Open(1) with { Timestamp = 42 }).Sign(c.Submitter), ValidationErrors.ElectionExists),
        ["open_with_65_byte_key"] = (c => (c.Open(5) with { PublicKey = [0x04, .. new byte[64]] }).Sign(c.Submitter), ValidationErrors.ElectionBadPublicKey),
        ["open_with_zero_candidates"] = (c => c.Open(5, candidates: 0), ValidationErrors.ElectionBadShape),
        ["open_with_more_selections_than_candidates"] = (c => c.Open(5, candidates: 2, maxSelections: 3), ValidationErrors.ElectionBadShape),
        ["close_unknown_election"] = (c => c.Close(77), ValidationErrors.ElectionUnknown),
        ["open_record_without_title"] = (c => (c.OpenWithRecord(5) with { Title = " " }).Sign(c.Submitter), ValidationErrors.ElectionBadRecord),
        ["open_record_with_a_name_missing"] = (c => (c.OpenWithRecord(5) with { CandidateNames = ["a", "b"] }).Sign(c.Submitter), ValidationErrors.ElectionBadRecord),
        ["open_record_with_a_long_name"] = (c => (c.OpenWithRecord(5) with { CandidateNames = ["a", "b", new string('x', 201)] }).Sign(c.Submitter), ValidationErrors.ElectionBadRecord),
        ["open_names_without_ceremony"] = (c => (c.Open(5) with { Title = "t" }).Sign(c.Submitter), ValidationErrors.ElectionBadRecord),
        ["open_ceremony_of_another_election"] = (c => (c.OpenWithRecord(5) with { Ceremony = c.OpenWithRecord(6).Ceremony }).Sign(c.Submitter), ValidationErrors.ElectionCeremonyMismatch),
        ["open_ceremony_with_another_key"] = (c => (c.OpenWithRecord(5) with { PublicKey = [0x03, .. new byte[32]] }).Sign(c.Submitter), ValidationErrors.ElectionCeremonyMismatch),
        ["open_ceremony_quorum_above_guardians"] = (c => c.OpenWithRecord(5, guardians: 2, quorum: 3), ValidationErrors.ElectionCeremonyMismatch),
        ["open_ceremony_with_256_guardians"] = (c => c.OpenWithRecord(5, guardians: 256, quorum: 1), ValidationErrors.ElectionCeremonyMismatch),
        ["tally_of_unknown_election"] = (c => c.Tally(77), ValidationErrors.ElectionUnknown),
        ["tally_of_open_election"] = (c => c.Tally(1), ValidationErrors.ElectionNotClosed),
        ["tally_with_a_result_missing"] = (c => c.Tally(2, results: 2), ValidationErrors.TallyBadShape),
        ["tally_twice"] = (c => (c.Tally(8) with { TotalBallots = 2 }).Sign(c.Submitter), ValidationErrors.ElectionTallied),
        ["close_closed_election"] = (c => (c.Close(2) with { Timestamp = 9 }).Sign(c.Submitter), ValidationErrors.ElectionClosed),
    };

    private static TestChain ChainWithHistory()
    {
        var chain = new TestChain();
        chain.Commit(chain.Open(1), chain.Open(2));
        chain.Commit(chain.Vote(1, 1), chain.Close(2));
        chain.Commit(chain.OpenWithRecord(8));
        chain.Commit(chain.Close(8), chain.Tally(8));
        return chain;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Transaction_breaking_one_rule_is_rejected_with_that_rules_reason(string rule)
    {
        var chain = ChainWithHistory();
        var (make, expected) = Cases[rule];
        Assert.False(chain.TxValidator.Validate(make(chain), chain.State, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_well_formed_vote_in_an_open_election_is_valid()
    {
        var chain = ChainWithHistory();
        Assert.True(chain.TxValidator.Validate(chain.Vote(1, 9), chain.State, out var error), error);
    }

    [Fact]
    public void An_election_record_and_a_tally_of_the_right_shape_are_valid_and_survive_the_json_form()
    {
        var chain = ChainWithHistory();
        var open = chain.OpenWithRecord(5);
        Assert.True(chain.TxValidator.Validate(open, chain.State, out var error), error);
        var parsed = TransactionJson.Parse(TransactionJson.Serialize(open));
        Assert.Equal(open.Hash, parsed.Hash);
        Assert.Equal(open.Sender, parsed.Sender);
        Assert.Equal(open.CandidateNames, parsed.CandidateNames);
        Assert.Equal(open.Ceremony, parsed.Ceremony);
        // The record is covered by the hash: another name order is another transaction.
        Assert.NotEqual(open.Hash, (open with { CandidateNames = ["Candidate 2", "Candidate 1", "Candidate 3"] }).Hash);
        // An older election_open keeps its bytes.
        Assert.Equal(chain.Open(5).CanonicalBytes(), (chain.Open(5) with { Title = "", CandidateNames = [] }).CanonicalBytes());

        chain.Commit(open);
        chain.Commit(chain.Close(5));
        var tally = chain.Tally(5);
        Assert.True(chain.TxValidator.Validate(tally, chain.State, out error), error);
        var tallyParsed = TransactionJson.Parse(TransactionJson.Serialize(tally));
        Assert.Equal(tally.Hash, tallyParsed.Hash);
        Assert.Equal(tally.Results, tallyParsed.Results);
        // Another spelling of the same JSON reads as the compact form the hash covers.
        var spaced = TransactionJson.Serialize(tally).Replace("[{", "[ {");
        Assert.Equal(tally.Hash, TransactionJson.Parse(spaced).Hash);
    }

    public static TheoryData<string> InBlockDuplicates => new(InBlockCases.Keys);

    // The second transaction of a block, given the first: each repeats one thing the block may hold once.
    private static readonly Dictionary<string, (Func<TestChain, Transaction, Transaction> Second, string Error)> InBlockCases = new()
    {
        ["same_nullifier"] = ((c, first) => (first with { Timestamp = 77, BallotHash = Keccak.Hash32("other"u8) }).Sign(c.Submitter), ValidationErrors.VoteDuplicateNullifier),
        ["same_ballot_hash"] = ((c, first) => (c.Vote(1, 10) with { BallotHash = first.BallotHash }).Sign(c.Submitter), ValidationErrors.VoteDuplicateBallotHash),
        ["same_transaction"] = ((c, first) => first, ValidationErrors.TxDuplicate),
    };

    [Theory]
    [MemberData(nameof(InBlockDuplicates))]
    public void A_block_repeating_a_nullifier_ballot_hash_or_transaction_is_rejected_at_the_repeat(string rule)
    {
        var chain = ChainWithHistory();
        var (second, expected) = InBlockCases[rule];
        var first = chain.Vote(1, 9);
        var block = chain.Propose([first, second(chain, first)]);
        Assert.False(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error));
        Assert.Contains(expected, error);
        Assert.Contains("#1", error);
    }

    [Fact]
    public void A_vote_after_its_elections_close_in_the_same_block_is_rejected()
    {
        var chain = ChainWithHistory();
        var block = chain.Propose([chain.Close(1), chain.Vote(1, 9)]);
        Assert.False(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error));
        Assert.Contains(ValidationErrors.ElectionClosed, error);
    }

    [Fact]
    public void A_vote_may_follow_its_elections_open_in_the_same_block()
    {
        var chain = ChainWithHistory();
        var block = chain.Propose([chain.Open(3), chain.Vote(3, 9)]);
        Assert.True(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error), error);
    }
}
