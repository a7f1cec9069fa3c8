using System.Diagnostics.CodeAnalysis;

namespace EVoting.Chain;

/// <summary>
/// The one block-validation path of the node, the API and the auditor (docs/consensus.md). Rules
/// are guard clauses grouped as certificate, header, body and transactions, each failing with its
/// reason from <see cref="ValidationErrors"/>:
/// <list type="bullet">
/// <item><see cref="ValidateProposal"/>: a block proposed on top of the head, without a certificate.</item>
/// <item><see cref="ValidateFinal"/>: a final block on top of the head (sync, gossip): the certificate and every proposal rule.</item>
/// <item><see cref="FinalBlockFaults"/>: the same rules, every fault rather than the first (the auditor's report).</item>
/// <item><see cref="ValidateCertified"/>: a final block seen without its parent (the API, a block ahead of the node's head):
/// its own hash, proposer signature, transactions root and certificate.</item>
/// <item><see cref="ValidateCommit"/>: the certificate alone (the node's stored head at start).</item>
/// <item><see cref="ValidateIntact"/>: a copy of a block matches its hash, also in what the hash does not cover (a proposal before it is stored).</item>
/// </list>
/// Ballot proofs of the whole block are verified as one batch.
/// </summary>
public sealed class BlockValidator(TransactionValidator txValidator)
{
    private Genesis Genesis => txValidator.Genesis;

    public bool ValidateProposal(Block block, ChainState state, long nowMs, [NotNullWhen(false)] out string? error) =>
        First(Faults(block, state, nowMs, final: false), out error);

    /// <summary>
    /// A final block extending <paramref name="state"/>. A quorum accepted its timestamp against their
    /// own clocks, so this clock may lag theirs by up to the allowed drift on top of the proposal rule's.
    /// </summary>
    public bool ValidateFinal(Block block, ChainState state, long nowMs, [NotNullWhen(false)] out string? error) =>
        First(FinalBlockFaults(block, state, nowMs), out error);

    /// <summary>Every rule a final block extending <paramref name="state"/> breaks, in rule order, lazily (take the first to stop early).</summary>
    public IEnumerable<BlockFault> FinalBlockFaults(Block block, ChainState state, long nowMs) =>
        Faults(block, state, nowMs + Genesis.MaxClockDriftMs, final: true);

    /// <summary>
    /// A final block judged on its own: block 0 is this network's genesis; any other carries a quorum
    /// certificate, recomputes its hash, is signed by the proposer scheduled for its height and round,
    /// and its transactions match the header. Its link to a parent and its transactions against the
    /// chain are not checked here (the validators that certified it checked them).
    /// </summary>
    public bool ValidateCertified(Block block, [NotNullWhen(false)] out string? error)
    {
        error = block.Index == 0
            ? block.Hash == Genesis.Hash ? null : ValidationErrors.BlockNotGenesis
            : CommitError(block) ?? IdentityError(block) ?? ProposerError(block) ?? BodyError(block);
        return error is null;
    }

    /// <summary>
    /// The rules that bind a copy of a block to its hash, with no chain state and no clock: the hash recomputes from
    /// the header, the proposer scheduled for its height and round signed it, the body matches the header (the root
    /// covers each transaction's hash), and each transaction is signed by an authorized submitter — a transaction's
    /// hash does not cover its signature, so this is what ties the signatures to the block. Two copies of one hash
    /// that pass differ at most in which valid signatures they carry, which no other rule looks at, so a verdict on
    /// one holds for the other (docs/consensus.md#what-is-cached).
    /// </summary>
    public bool ValidateIntact(Block block, [NotNullWhen(false)] out string? error)
    {
        error = IdentityError(block) ?? ProposerError(block) ?? BodyError(block) ?? TransactionSignatureError(block);
        return error is null;
    }

    /// <summary>True when a verdict of <see cref="ValidateProposal"/> depends on the clock (it may change as the clock moves).</summary>
    public static bool DependsOnClock(string error) => error == ValidationErrors.BlockTimestampInFuture;

    private string? TransactionSignatureError(Block block)
    {
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (!txValidator.ValidateStateless(block.Transactions[i], out var reason))
                return new BlockFault(reason, i, block.Transactions[i].Hash).ToString();
        }
        return null;
    }

    private IEnumerable<BlockFault> Faults(Block block, ChainState state, long nowMs, bool final)
    {
        if (final && CommitError(block) is { } commit)
            yield return new BlockFault(commit);
        if (HeaderError(block, state.Head, state.HeadHash, nowMs) is { } header)
            yield return new BlockFault(header);
        if (BodyError(block) is { } body)
            yield return new BlockFault(body);
        foreach (var fault in TransactionFaults(block, state))
            yield return fault;
    }

    private static bool First(IEnumerable<BlockFault> faults, [NotNullWhen(false)] out string? error)
    {
        error = faults.FirstOrDefault()?.ToString();
        return error is null;
    }

    private string? HeaderError(Block block, BlockHeader parent, Hash32 parentHash, long nowMs) =>
        IdentityError(block) ?? LinkError(block, parent, parentHash) ?? ProposerError(block) ?? TimeError(block, parent, nowMs);

    private string? IdentityError(Block block) =>
        block.Header.ChainId != Genesis.ChainId ? ValidationErrors.BlockWrongChain
        : block.Header.ComputeHash() != block.Hash ? ValidationErrors.BlockHashMismatch
        : null;

    private static string? LinkError(Block block, BlockHeader parent, Hash32 parentHash) =>
        block.Header.Index != parent.Index + 1 ? ValidationErrors.BlockNotNext
        : block.Header.PrevHash != parentHash ? ValidationErrors.BlockPrevHashMismatch
        : null;

    private string? ProposerError(Block block)
    {
        var h = block.Header;
        return !Genesis.IsValidator(h.Validator) ? ValidationErrors.BlockUnknownProposer
            : ProposerSchedule.ProposerFor(Genesis, h.Index, h.Round) != h.Validator ? ValidationErrors.BlockWrongProposer
            : Signature.RecoverSigner(block.Hash, block.Signature) != h.Validator ? ValidationErrors.BlockBadSignature
            : null;
    }

    private string? TimeError(Block block, BlockHeader parent, long nowMs) =>
        block.Header.TimestampMs <= parent.TimestampMs ? ValidationErrors.BlockTimestampNotAfterParent
        : block.Header.TimestampMs > nowMs + Genesis.MaxClockDriftMs ? ValidationErrors.BlockTimestampInFuture
        : null;

    private string? BodyError(Block block) =>
        block.Header.TxCount != block.Transactions.Count ? ValidationErrors.BlockTxCountMismatch
        : block.Transactions.Count > Genesis.MaxTxsPerBlock ? ValidationErrors.BlockTooManyTransactions
        : block.Size > Genesis.MaxBlockBytes ? ValidationErrors.BlockTooLarge
        : MerkleTree.Root(block.TransactionHashes()) != block.Header.TransactionsRoot ? ValidationErrors.BlockRootMismatch
        : null;

    /// <summary>
    /// Each transaction against the chain plus the block's earlier valid transactions, then the
    /// ballots of the valid votes as one batch. A transaction that fails is left out of the view
    /// the later ones are checked against.
    /// </summary>
    private IEnumerable<BlockFault> TransactionFaults(Block block, IChainView view)
    {
        var pending = new PendingView(view);
        var votes = new List<(ElectionInfo Election, Transaction Vote)>();
        var voteIndexes = new List<int>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (!txValidator.ValidateStateless(tx, out var reason) || !txValidator.ValidateAgainst(tx, pending, out reason))
            {
                yield return new BlockFault(reason ?? "", i, tx.Hash);
                continue;
            }
            if (tx.Kind == TxKind.Vote && pending.GetElection(tx.ElectionId) is { } election)
            {
                votes.Add((election, tx));
                voteIndexes.Add(i);
            }
            pending.Add(tx);
        }
        var errors = votes.Count == 0 ? [] : txValidator.BallotRule.VerifyBatch(votes);
        for (var j = 0; j < errors.Length; j++)
        {
            if (errors[j] is { } reason)
                yield return new BlockFault($"{ValidationErrors.VoteInvalidBallot}: {reason}", voteIndexes[j], votes[j].Vote.Hash);
        }
    }

    /// <summary>
    /// The certificate alone, for a block whose contents were checked when it was stored (the node's
    /// own store at start): the network certified this hash.
    /// </summary>
    public bool ValidateCommit(Block block, [NotNullWhen(false)] out string? error)
    {
        error = CommitError(block);
        return error is null;
    }

    /// <summary>A quorum of distinct genesis validators precommitted to this block at the certificate's round.</summary>
    private string? CommitError(Block block)
    {
        if (block.Commit is not { } commit)
            return ValidationErrors.CommitMissing;
        var digest = ConsensusDigest.Vote(Genesis.ChainId, VoteType.Precommit, block.Index, commit.Round, block.Hash);
        var signers = new HashSet<Address>();
        foreach (var sig in commit.Precommits)
        {
            var signer = Signature.RecoverSigner(digest, sig);
            if (signer is not { } s || !Genesis.IsValidator(s))
                return ValidationErrors.CommitBadSignature;
            if (!signers.Add(s))
                return ValidationErrors.CommitDuplicateSigner;
        }
        return signers.Count < Genesis.Quorum ? ValidationErrors.CommitNoQuorum : null;
    }
}
