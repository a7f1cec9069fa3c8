using System.Runtime.CompilerServices;
using EVoting.Chain;

namespace EVoting.Ballots;

/// <summary>
/// The chain's ballot rule: a vote is valid only if its ciphertexts and proofs decode strictly for
/// its election's k and L, its ballot_hash is the hash of those ciphertexts under that election's
/// H_E, and every proof verifies. The cheap checks run first so a bad vote costs little.
/// </summary>
public sealed class BallotRule : IBallotRule
{
    // One Election (H_E, decoded K with its precomputation) per ElectionInfo the chain hands us.
    private readonly ConditionalWeakTable<ElectionInfo, Election> elections = new();

    public bool Verify(ElectionInfo election, Transaction vote, out string? error)
    {
        error = Check(election, vote, out var parsed, out var ballot);
        if (error is null)
            error = BallotVerifier.Verify(parsed!, ballot!);
        return error is null;
    }

    /// <summary>Shape and hash checks per vote, then the proofs of all well-formed votes across cores.</summary>
    public string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
    {
        var errors = new string?[items.Count];
        var pending = new List<(int Index, Election Election, Ballot Ballot)>();
        for (var i = 0; i < items.Count; i++)
        {
            errors[i] = Check(items[i].Election, items[i].Vote, out var parsed, out var ballot);
            if (errors[i] is null)
                pending.Add((i, parsed!, ballot!));
        }
        var results = BallotVerifier.VerifyBatch(pending.Select(p => (p.Election, p.Ballot)).ToArray());
        for (var j = 0; j < pending.Count; j++)
            errors[pending[j].Index] = results[j];
        return errors;
    }

    private string? Check(ElectionInfo info, Transaction vote, out Election? election, out Ballot? ballot)
    {
        election = null;
        ballot = null;
        if (vote.Kind != TxKind.Vote)
            return "not a vote transaction";
        if (vote.ElectionId != info.Id)
            return BallotErrors.WrongElection;
        try
        {
            election = elections.GetValue(info, i => new Election(i.Id, i.PublicKey, i.Candidates, i.MaxSelections));
        }
        catch (BallotFormatException e)
        {
            return $"election {info.Id} parameters: {e.Reason}";
        }
        if (vote.EncryptedVote.Length != BallotWire.EncryptedVoteLength(info.Candidates)
            || vote.Proof.Length != BallotWire.ProofLength(info.Candidates, info.MaxSelections))
            return BallotErrors.WrongWireLength;
        if (!BallotHash.FromEncryptedVote(election, vote.EncryptedVote).AsSpan().SequenceEqual(vote.BallotHash.Span))
            return BallotErrors.BallotHashMismatch;
        return BallotWire.TryDecode(vote.ElectionId, vote.EncryptedVote, vote.Proof, info.Candidates, info.MaxSelections, out ballot, out var reason)
            ? null
            : reason;
    }
}
