using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>One case per block rule: each breaks exactly that rule and expects its reason.</summary>
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
    }

    [Fact]
    public void A_quorum_certificate_from_a_later_round_makes_the_block_final()
    {
        var chain = ChainAtHeightOne();
        var block = chain.Propose([]);
        Assert.True(chain.BlockValidator.ValidateFinal(block.WithCommit(chain.Certify(block, round: 3)), chain.State, chain.Now, out var error), error);
    }
}
