using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>The threshold record of a tally, and the single-trustee decryption proofs the results carry when the server is the trustee.</summary>
public sealed record DecryptedTally(IReadOnlyList<ThresholdCandidateResult> Threshold, IReadOnlyList<DecryptionProof> Proofs);

/// <summary>
/// An election's trustees as the lifecycle and the tally need them (docs/trustees.md "The election record on chain"):
/// the ceremony record election_open carries, and the combination of the guardians' partial decryptions. With the
/// server as the one guardian (g = q = 1, the default) the API holds s and proves K_{1,0} = K itself; with external
/// guardians it holds no secret and only relays and combines what they post (<see cref="GuardianRelay"/>).
/// </summary>
public sealed class ElectionCeremony(ElectionCreator keys, IGuardianStore guardians)
{
    /// <summary>The ceremony record's JSON, or why the election cannot open yet.</summary>
    public async Task<Outcome<string>> RecordForAsync(ElectionRecord election, CancellationToken ct)
    {
        if (!election.ExternalGuardians)
            return CeremonyJson.Serialize(SingleTrustee.Ceremony((ulong)election.Id, keys.OpenKey(election)));
        var state = new CeremonyState(election, await guardians.ListAsync(election.Id, ct));
        if (state.Record() is { } record)
        {
            // Also set by the last verdict; set here too because two last verdicts posted at once each see the other
            // still pending. The caller saves the election with its election_open event.
            election.PublicKey = LowerHex.Encode(P256.Encode(record.ElectionKey));
            election.ElectionHash = election.ToBallotElection().HashHex;
            return CeremonyJson.Serialize(record);
        }
        return new Failure.Conflict(state.Phase == CeremonyState.Failed
            ? $"Election {election.Id}'s key ceremony failed; it cannot open. {state.Complaints[^1].Reason}"
            : $"Election {election.Id} cannot open before its key ceremony is complete (round {state.Round}, phase {state.Phase}; waiting for guardians {state.Waiting()}).");
    }

    /// <summary>
    /// Combines the partial decryptions the guardians posted: the first q that verify per candidate
    /// (<see cref="ThresholdTally.Combine"/>); a guardian who never posts does not block the tally while q others do.
    /// </summary>
    public async Task<Outcome<DecryptedTally>> CombineAsync(ElectionRecord election, EncryptedTally sums, CancellationToken ct)
    {
        var state = new CeremonyState(election, await guardians.ListAsync(election.Id, ct));
        var posted = state.Guardians.Where(g => g.Decryption is not null).ToArray();
        var shares = posted.Select(g => GuardianMessages.ParsePartialDecryptions(g.Decryption!)).ToArray();
        var byCandidate = Enumerable.Range(0, election.Candidates.Count)
            .Select(i => (IReadOnlyList<PartialDecryption>)shares.Select(s => s[i]).ToArray()).ToArray();
        var ceremony = CeremonyResult.FromCommitments(state.Parameters, state.AllCommitments());
        try
        {
            return new DecryptedTally(ThresholdTally.Combine(election.ToBallotElection(), ceremony, sums, byCandidate), []);
        }
        catch (BallotFormatException e) when (e.Reason == TrusteeErrors.TooFewShares)
        {
            var who = posted.Length == 0 ? "none" : string.Join(", ", posted.Select(g => $"{g.Index} ({g.Name})"));
            return new Failure.Conflict(
                $"The tally needs partial decryptions from {election.Quorum} of the {election.Guardians} guardians; {posted.Length} posted (guardians: {who}). Ask more guardians to run `evoting guardian decrypt`.");
        }
    }
}
