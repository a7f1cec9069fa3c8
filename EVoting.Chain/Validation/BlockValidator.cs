using System.Diagnostics.CodeAnalysis;

namespace EVoting.Chain;

/// <summary>
/// Block validation as guard clauses, one rule each, each failing with its reason. A proposal is
/// checked without a certificate; a final block (received by gossip or sync) also needs a valid
/// commit certificate. Ballot proofs of the whole block are verified as one batch.
/// </summary>
public sealed class BlockValidator(TransactionValidator txValidator)
{
    private Genesis Genesis => txValidator.Genesis;

    public bool ValidateProposal(Block block, ChainState state, long nowMs, [NotNullWhen(false)] out string? error) =>
        ValidateProposal(block, state.Head, state.HeadHash, state, nowMs, out error);

    public bool ValidateFinal(Block block, ChainState state, long nowMs, [NotNullWhen(false)] out string? error) =>
        ValidateCommit(block, out error) && ValidateProposal(block, state, nowMs, out error);

    public bool ValidateProposal(
        Block block, BlockHeader parent, Hash32 parentHash, IChainView view, long nowMs,
        [NotNullWhen(false)] out string? error) =>
        ValidateHeader(block, parent, parentHash, nowMs, out error)
        && ValidateBody(block, out error)
        && ValidateTransactions(block, view, out error);

    public bool ValidateHeader(Block block, BlockHeader parent, Hash32 parentHash, long nowMs, [NotNullWhen(false)] out string? error)
    {
        var h = block.Header;
        error = null;
        if (h.ChainId != Genesis.ChainId) error = ValidationErrors.BlockWrongChain;
        else if (h.ComputeHash() != block.Hash) error = ValidationErrors.BlockHashMismatch;
        else if (h.Index != parent.Index + 1) error = ValidationErrors.BlockNotNext;
        else if (h.PrevHash != parentHash) error = ValidationErrors.BlockPrevHashMismatch;
        else if (!Genesis.IsValidator(h.Validator)) error = ValidationErrors.BlockUnknownProposer;
        else if (ProposerSchedule.ProposerFor(Genesis, h.Index, h.Round) != h.Validator) error = ValidationErrors.BlockWrongProposer;
        else if (Signature.RecoverSigner(block.Hash, block.Signature) != h.Validator) error = ValidationErrors.BlockBadSignature;
        else if (h.TimestampMs <= parent.TimestampMs) error = ValidationErrors.BlockTimestampNotAfterParent;
        else if (h.TimestampMs > nowMs + Genesis.MaxClockDriftMs) error = ValidationErrors.BlockTimestampInFuture;
        return error is null;
    }

    public bool ValidateBody(Block block, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (block.Header.TxCount != block.Transactions.Count) error = ValidationErrors.BlockTxCountMismatch;
        else if (block.Transactions.Count > Genesis.MaxTxsPerBlock) error = ValidationErrors.BlockTooManyTransactions;
        else if (block.Size > Genesis.MaxBlockBytes) error = ValidationErrors.BlockTooLarge;
        else if (MerkleTree.Root(block.TransactionHashes()) != block.Header.TransactionsRoot) error = ValidationErrors.BlockRootMismatch;
        return error is null;
    }

    /// <summary>Each transaction against the chain plus the block's earlier transactions, then all ballots as a batch.</summary>
    public bool ValidateTransactions(Block block, IChainView view, [NotNullWhen(false)] out string? error)
    {
        var pending = new PendingView(view);
        var votes = new List<(ElectionInfo, Transaction)>();
        var voteIndexes = new List<int>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (!txValidator.ValidateStateless(tx, out var reason) || !txValidator.ValidateAgainst(tx, pending, out reason))
            {
                error = Describe(i, tx, reason);
                return false;
            }
            if (tx.Kind == TxKind.Vote)
            {
                votes.Add((pending.GetElection(tx.ElectionId)!, tx));
                voteIndexes.Add(i);
            }
            pending.Add(tx);
        }
        var errors = votes.Count == 0 ? [] : txValidator.BallotRule.VerifyBatch(votes);
        for (var j = 0; j < errors.Length; j++)
        {
            if (errors[j] is { } reason)
            {
                var i = voteIndexes[j];
                error = Describe(i, block.Transactions[i], $"{ValidationErrors.VoteInvalidBallot}: {reason}");
                return false;
            }
        }
        error = null;
        return true;
    }

    /// <summary>A quorum of distinct genesis validators precommitted to this block at the certificate's round.</summary>
    public bool ValidateCommit(Block block, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (block.Commit is not { } commit)
        {
            error = ValidationErrors.CommitMissing;
            return false;
        }
        var digest = ConsensusDigest.Vote(Genesis.ChainId, VoteType.Precommit, block.Index, commit.Round, block.Hash);
        var signers = new HashSet<Address>();
        foreach (var sig in commit.Precommits)
        {
            var signer = Signature.RecoverSigner(digest, sig);
            if (signer is not { } s || !Genesis.IsValidator(s))
            {
                error = ValidationErrors.CommitBadSignature;
                return false;
            }
            if (!signers.Add(s))
            {
                error = ValidationErrors.CommitDuplicateSigner;
                return false;
            }
        }
        if (signers.Count < Genesis.Quorum) error = ValidationErrors.CommitNoQuorum;
        return error is null;
    }

    private static string Describe(int index, Transaction tx, string reason) =>
        $"{ValidationErrors.BlockInvalidTransaction}: #{index} {tx.Hash}: {reason}";
}
