using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>
/// One case per block rule: each breaks exactly that rule and expects its reason, from every entry
/// of the one validation path: a proposal (consensus), a final block on top of the head (the node's
/// sync and gossip), every fault of a final block (the auditor) and a final block seen on its own
/// (the API, a block ahead of the node's head).
/// </summary>
public class BlockValidationRuleTests
{
    public static TheoryData<string> Rules => new(Cases.Keys);

    private static Block Resign(Block b, EthKey key)
    {
        var hash = b.Header.ComputeHash();
        return b with { Hash = hash, Signature = key.Sign(hash) };
    }

    private static readonly Dictionary<string, (Func<TestChain, Block> Make, string Error)> Cases = new()
    {
        ["wrong_chain_id"] = (c => { var b = c.Propose([]); return Resign(b with { Header = b.Header with { ChainId = 9 } }, c.ProposerKey(2)); }, ValidationErrors.BlockWrongChain),
        ["hash_does_not_recompute"] = (c => c.Propose([]) with { Hash = Keccak.Hash32("x"u8) }, ValidationErrors.BlockHashMismatch),
        ["index_not_next"] = (c => { var b = c.Propose([]); return Resign(b with { Header = b.Header with { Index = 5 } }, c.ProposerKey(5)); }, ValidationErrors.BlockNotNext),
        ["bad_prev_hash"] = (c => { var b = c.Propose([]); return Resign(b with { Header = b.Header with { PrevHash = Keccak.Hash32("p"u8) } }, c.ProposerKey(2)); }, ValidationErrors.BlockPrevHashMismatch),
        ["proposer_outside_validator_set"] = (c => c.Propose([], proposer: EthKey.Generate()), ValidationErrors.BlockUnknownProposer),
        ["proposer_not_scheduled"] = (c => c.Propose([], proposer: c.ProposerKey(2, round: 1)), ValidationErrors.BlockWrongProposer),
        ["signature_by_someone_else"] = (c => { var b = c.Propose([]); return b with { Signature = c.ProposerKey(3).Sign(b.Hash) }; }, ValidationErrors.BlockBadSignature),
        ["timestamp_not_after_parent"] = (c => c.Propose([], timestampMs: c.State.Head.TimestampMs), ValidationErrors.BlockTimestampNotAfterParent),
        ["timestamp_in_future"] = (c => c.Propose([], timestampMs: c.Now + c.Genesis.MaxClockDriftMs + 1), ValidationErrors.BlockTimestampInFuture),
        ["tx_count_mismatch"] = (c => { var b = c.Propose([c.Vote(1, 5)]); return Resign(b with { Header = b.Header with { TxCount = 2 } }, c.ProposerKey(2)); }, ValidationErrors.BlockTxCountMismatch),
        ["too_many_transactions"] = (c => c.Propose(Enumerable.Range(100, 51).Select(i => c.Vote(1, i)).ToArray()), ValidationErrors.BlockTooManyTransactions),
        ["transactions_root_mismatch"] = (c => { var b = c.Propose([c.Vote(1, 5)]); return b with { Transactions = [c.Vote(1, 6)] }; }, ValidationErrors.BlockRootMismatch),
        ["invalid_transaction"] = (c => c.Propose([c.Vote(1, 5, signer: EthKey.Generate())]), ValidationErrors.BlockInvalidTransaction),
        ["invalid_ballot"] = (c => c.Propose([c.Vote(1, 5), c.Vote(1, 6, encryptedVote: [0xBA, 0xD0])]), $"{ValidationErrors.BlockInvalidTransaction}: #1"),
    };

    private static TestChain ChainAtHeightOne()
    {
        var chain = new TestChain();
        chain.Commit(chain.Open(1));
        return chain;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Block_breaking_one_rule_is_rejected_with_that_rules_reason(string rule)
    {
        var chain = ChainAtHeightOne();
        var (make, expected) = Cases[rule];
        Assert.False(chain.BlockValidator.ValidateProposal(make(chain), chain.State, chain.Now, out var error));
        Assert.StartsWith(expected, error);
    }

    /// <summary>A final block may be ahead of this clock by the drift twice: once for the proposer, once for this node.</summary>
    public static TheoryData<string> FinalRules => new(Cases.Keys.Where(k => k != "timestamp_in_future"));

    [Theory]
    [MemberData(nameof(FinalRules))]
    public void Final_block_breaking_one_rule_is_rejected_by_the_node_and_reported_by_the_auditor(string rule)
    {
        var chain = ChainAtHeightOne();
        var (make, expected) = Cases[rule];
        var block = make(chain);
        var certified = block.WithCommit(chain.Certify(block));

        Assert.False(chain.BlockValidator.ValidateFinal(certified, chain.State, chain.Now, out var error));
        Assert.StartsWith(expected, error);
        Assert.Contains(chain.BlockValidator.FinalBlockFaults(certified, chain.State, chain.Now), f => f.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Final_block_is_allowed_the_clock_drift_once_more_than_a_proposal_and_no_further()
    {
        var chain = ChainAtHeightOne();
        var drift = chain.Genesis.MaxClockDriftMs;
        var late = chain.Propose([], timestampMs: chain.Now + 2 * drift);
        var tooLate = chain.Propose([], timestampMs: chain.Now + 2 * drift + 1);

        Assert.False(chain.BlockValidator.ValidateProposal(late, chain.State, chain.Now, out _));
        Assert.True(chain.BlockValidator.ValidateFinal(late.WithCommit(chain.Certify(late)), chain.State, chain.Now, out var error), error);
        Assert.False(chain.BlockValidator.ValidateFinal(tooLate.WithCommit(chain.Certify(tooLate)), chain.State, chain.Now, out error));
        Assert.Equal(ValidationErrors.BlockTimestampInFuture, error);
    }

    /// <summary>The rules a block breaks on its own, without its parent: what the API's finality check and a node's check of a block ahead of its head catch.</summary>
    public static TheoryData<string> SelfContainedRules => new(
        "wrong_chain_id", "hash_does_not_recompute", "proposer_outside_validator_set", "proposer_not_scheduled",
        "signature_by_someone_else", "tx_count_mismatch", "too_many_transactions", "transactions_root_mismatch");

    [Theory]
    [MemberData(nameof(SelfContainedRules))]
    public void Certified_block_breaking_a_rule_of_its_own_is_not_final(string rule)
    {
        var chain = ChainAtHeightOne();
        var (make, expected) = Cases[rule];
        var block = make(chain);

        Assert.False(chain.BlockValidator.ValidateCertified(block.WithCommit(chain.Certify(block)), out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Certified_block_ahead_of_the_head_is_final_on_its_own_but_does_not_extend_the_head()
    {
        var chain = ChainAtHeightOne();
        var ahead = Block.Create(chain.Genesis.ChainId, 5, Keccak.Hash32("p"u8), chain.Now, 0, [], chain.ProposerKey(5));
        var certified = ahead.WithCommit(chain.Certify(ahead));

        Assert.True(chain.BlockValidator.ValidateCertified(certified, out var error), error);
        Assert.False(chain.BlockValidator.ValidateFinal(certified, chain.State, chain.Now, out error));
        Assert.Equal(ValidationErrors.BlockNotNext, error);
    }

    [Fact]
    public void Block_zero_is_final_only_as_this_networks_genesis()
    {
        var chain = new TestChain();
        var other = new TestChain();

        Assert.True(chain.BlockValidator.ValidateCertified(chain.Genesis.GenesisBlock, out var error), error);
        Assert.False(chain.BlockValidator.ValidateCertified(other.Genesis.GenesisBlock, out error));
        Assert.Equal(ValidationErrors.BlockNotGenesis, error);
    }

    [Fact]
    public void Auditor_view_lists_every_fault_and_names_each_bad_transaction()
    {
        var chain = ChainAtHeightOne();
        var good = chain.Vote(1, 5);
        var unsigned = chain.Vote(1, 6, signer: EthKey.Generate());
        var badBallot = chain.Vote(1, 7, encryptedVote: [0xBA, 0xD0]);
        var block = chain.Propose([good, unsigned, badBallot]);

        var faults = chain.BlockValidator.FinalBlockFaults(block.WithCommit(chain.Certify(block, signers: 1)), chain.State, chain.Now).ToList();

        Assert.Equal(
            new (string, int?)[] { (ValidationErrors.CommitNoQuorum, null), (ValidationErrors.TxUnauthorizedSubmitter, 1), ($"{ValidationErrors.VoteInvalidBallot}: {MarkerBallotRule.Reason}", 2) },
            faults.Select(f => (f.Reason, f.TxIndex)));
        Assert.Equal(badBallot.Hash, faults[2].TxHash);
    }

    [Fact]
    public void Block_larger_than_max_block_bytes_is_rejected()
    {
        var chain = new TestChain();
        var genesis = chain.Genesis with { MaxBlockBytes = 1024 };
        var validator = new BlockValidator(new TransactionValidator(genesis, chain.Rule));
        var state = new ChainState(genesis);
        var block = Block.Create(genesis.ChainId, 1, state.HeadHash, chain.Now, 0,
            [chain.Open(1), chain.Open(2), chain.Open(3), chain.Open(4), chain.Open(5), chain.Open(6), chain.Open(7), chain.Open(8)],
            chain.ProposerKey(1));
        Assert.False(validator.ValidateProposal(block, state, chain.Now, out var error));
        Assert.Equal(ValidationErrors.BlockTooLarge, error);
    }

    [Fact]
    public void Proposer_of_a_later_round_is_accepted_for_that_round()
    {
        var chain = ChainAtHeightOne();
        var block = chain.Propose([], round: 2);
        Assert.True(chain.BlockValidator.ValidateProposal(block, chain.State, chain.Now, out var error), error);
    }

    public static TheoryData<string> CommitRules => new(CommitCases.Keys);

    private static readonly Dictionary<string, (Func<TestChain, Block, CommitCertificate?> Make, string Error)> CommitCases = new()
    {
        ["missing"] = ((c, b) => null, ValidationErrors.CommitMissing),
        ["below_quorum"] = ((c, b) => c.Certify(b, signers: 1), ValidationErrors.CommitNoQuorum),
        ["same_validator_twice"] = ((c, b) => { var one = c.Certify(b, signers: 1).Precommits[0]; return new CommitCertificate(0, [one, one]); }, ValidationErrors.CommitDuplicateSigner),
        ["signed_by_outsider"] = ((c, b) => c.Certify(b, keys: [c.ValidatorKeys[0], EthKey.Generate()]), ValidationErrors.CommitBadSignature),
        ["signed_for_another_round"] = ((c, b) => c.Certify(b, round: 1) with { Round = 0 }, ValidationErrors.CommitBadSignature),
        ["prevotes_instead_of_precommits"] = ((c, b) => new CommitCertificate(0, c.ValidatorKeys.Take(2)
            .Select(k => k.Sign(ConsensusDigest.Vote(c.Genesis.ChainId, VoteType.Prevote, b.Index, 0, b.Hash))).ToArray()), ValidationErrors.CommitBadSignature),
    };

    [Theory]
    [MemberData(nameof(CommitRules))]
    public void Certificate_breaking_one_rule_is_rejected_with_that_rules_reason(string rule)
    {
        var chain = ChainAtHeightOne();
        var block = chain.Propose([]);
        var (make, expected) = CommitCases[rule];
        var withCert = make(chain, block) is { } cert ? block.WithCommit(cert) : block;
        Assert.False(chain.BlockValidator.ValidateFinal(withCert, chain.State, chain.Now, out var error));
        Assert.Equal(expected, error);
        Assert.False(chain.BlockValidator.ValidateCertified(withCert, out error));
        Assert.Equal(expected, error);
        Assert.Equal(expected, chain.BlockValidator.FinalBlockFaults(withCert, chain.State, chain.Now).First().Reason);
    }

    [Fact]
    public void A_quorum_certificate_from_a_later_round_makes_the_block_final()
    {
        var chain = ChainAtHeightOne();
        var block = chain.Propose([]);
        Assert.True(chain.BlockValidator.ValidateFinal(block.WithCommit(chain.Certify(block, round: 3)), chain.State, chain.Now, out var error), error);
    }
}
