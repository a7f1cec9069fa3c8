using System.Diagnostics.CodeAnalysis;

namespace EVoting.Chain;

/// <summary>
/// Whether a transaction may join the chain after <paramref name="view"/>: one guard clause per rule,
/// each failing with its reason from <see cref="ValidationErrors"/>.
/// </summary>
public sealed class TransactionValidator(Genesis genesis, IBallotRule ballotRule)
{
    public Genesis Genesis => genesis;
    public IBallotRule BallotRule => ballotRule;

    public bool Validate(Transaction tx, IChainView view, [NotNullWhen(false)] out string? error) =>
        ValidateStateless(tx, out error)
        && ValidateAgainst(tx, view, out error)
        && (tx.Kind != TxKind.Vote || VerifyBallot(tx, view, out error));

    /// <summary>The rules that need no chain state: chain id, size, signature, authorized signer.</summary>
    public bool ValidateStateless(Transaction tx, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (tx.ChainId != genesis.ChainId) error = ValidationErrors.TxWrongChain;
        else if (tx.Size > genesis.MaxTxBytes) error = ValidationErrors.TxTooLarge;
        else if (tx.Sender is not { } sender) error = ValidationErrors.TxBadSignature;
        else if (!genesis.IsSubmitter(sender)) error = ValidationErrors.TxUnauthorizedSubmitter;
        else if (tx.ElectionId == 0) error = ValidationErrors.TxZeroElection;
        return error is null;
    }

    /// <summary>The rules against state: duplicates and election lifecycle, everything but the ballot proofs.</summary>
    public bool ValidateAgainst(Transaction tx, IChainView view, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (view.HasTransaction(tx.Hash)) error = ValidationErrors.TxDuplicate;
        else error = tx.Kind switch
        {
            TxKind.ElectionOpen => CheckOpen(tx, view),
            TxKind.ElectionClose => CheckClose(tx, view),
            TxKind.ElectionTally => CheckTally(tx, view),
            _ => CheckVote(tx, view),
        };
        return error is null;
    }

    public bool VerifyBallot(Transaction vote, IChainView view, [NotNullWhen(false)] out string? error)
    {
        var election = view.GetElection(vote.ElectionId);
        if (election is null)
        {
            error = ValidationErrors.ElectionUnknown;
            return false;
        }
        if (ballotRule.Verify(election, vote, out var reason))
        {
            error = null;
            return true;
        }
        error = $"{ValidationErrors.VoteInvalidBallot}: {reason}";
        return false;
    }

    private static string? CheckOpen(Transaction tx, IChainView view)
    {
        if (view.GetElection(tx.ElectionId) is not null) return ValidationErrors.ElectionExists;
        if (tx.PublicKey.Length != 33 || (tx.PublicKey[0] != 0x02 && tx.PublicKey[0] != 0x03)) return ValidationErrors.ElectionBadPublicKey;
        if (tx.Candidates is < 1 or > ElectionLimits.MaxCandidates || tx.MaxSelections < 1 || tx.MaxSelections > tx.Candidates)
            return ValidationErrors.ElectionBadShape;
        return ElectionRecordShape.CheckOpen(tx);
    }

    private static string? CheckTally(Transaction tx, IChainView view)
    {
        if (view.GetElection(tx.ElectionId) is not { } election) return ValidationErrors.ElectionUnknown;
        if (!view.IsElectionClosed(tx.ElectionId)) return ValidationErrors.ElectionNotClosed;
        if (view.IsElectionTallied(tx.ElectionId)) return ValidationErrors.ElectionTallied;
        return ElectionRecordShape.CheckTally(tx, election);
    }

    private static string? CheckClose(Transaction tx, IChainView view)
    {
        if (view.GetElection(tx.ElectionId) is null) return ValidationErrors.ElectionUnknown;
        if (view.IsElectionClosed(tx.ElectionId)) return ValidationErrors.ElectionClosed;
        return null;
    }

    private static string? CheckVote(Transaction tx, IChainView view)
    {
        if (!IsNullifier(tx.Nullifier)) return ValidationErrors.VoteBadNullifier;
        if (view.GetElection(tx.ElectionId) is null) return ValidationErrors.ElectionUnknown;
        if (view.IsElectionClosed(tx.ElectionId)) return ValidationErrors.ElectionClosed;
        if (view.HasNullifier(tx.ElectionId, tx.Nullifier)) return ValidationErrors.VoteDuplicateNullifier;
        if (view.HasBallotHash(tx.ElectionId, tx.BallotHash)) return ValidationErrors.VoteDuplicateBallotHash;
        return null;
    }

    public static bool IsNullifier(string nullifier) =>
        nullifier.Length == ElectionLimits.NullifierPrefix.Length + ElectionLimits.NullifierHexLength
        && nullifier.StartsWith(ElectionLimits.NullifierPrefix, StringComparison.Ordinal)
        && nullifier.AsSpan(ElectionLimits.NullifierPrefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}
