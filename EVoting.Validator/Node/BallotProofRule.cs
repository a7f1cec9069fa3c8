using EVoting.Ballots;
using EVoting.Chain;

namespace EVoting.Validator.Node;

/// <summary>
/// The ballot rule the node enforces: the vote's encrypted_vote and proof decode for the election's
/// shape, every 0/1 proof and the sum proof verify against the election key (EVoting.Ballots), and
/// ballot_hash is the tracking code SHA-256(H_E ‖ encrypted_vote).
/// </summary>
public sealed class BallotProofRule : IBallotRule
{
    public bool Verify(ElectionInfo election, Transaction vote, out string? error)
    {
        error = Check(election, vote);
        return error is null;
    }

    public string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
    {
        var results = new string?[items.Count];
        Parallel.For(0, items.Count, i => results[i] = Check(items[i].Election, items[i].Vote));
        return results;
    }

    private static string? Check(ElectionInfo info, Transaction vote)
    {
        Election election;
        try
        {
            election = new Election(info.Id, info.PublicKey, info.Candidates, info.MaxSelections);
        }
        catch (FormatException e)
        {
            return "election key or shape is unusable: " + e.Message;
        }
        if (!BallotWire.TryDecode(info.Id, vote.EncryptedVote, vote.Proof, info.Candidates, info.MaxSelections, out var ballot, out var reason))
            return reason;
        var expected = BallotHash.FromEncryptedVote(election, vote.EncryptedVote);
        if (!vote.BallotHash.Span.SequenceEqual(expected))
            return "ballot_hash is not SHA-256(H_E ‖ encrypted_vote)";
        return BallotVerifier.Verify(election, ballot!);
    }
}
