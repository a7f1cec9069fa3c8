using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// Judges a guardian's complaint about a share it received (docs/trustees.md "A complaint"), from public values: the
/// complaint's proof that its shared point S is a_{ℓ,0}·R first (refused, not recorded, when it fails); then the share
/// as S decrypts it: refused when it matches the sender's commitments (recorded, nothing else changes); upheld when it
/// does not decrypt, is no scalar or fails them, which restarts the ceremony without the sender, or fails it when fewer
/// than q guardians would remain. The relay calls it under the election's lock, after checking the round and the phase.
/// </summary>
public sealed class ComplaintJudge(IElectionStore elections, IGuardianStore guardians, TimeProvider clock)
{
    /// <summary>A complaint about guardian <paramref name="From"/>'s share: its shared point and proof, parsed and as posted.</summary>
    public sealed record Complaint(int From, ComplaintProof Proof, string SharedPoint, SharedPointProof Posted);

    /// <summary>The complaint's encodings (cheap, before the lock): a curve point and two scalars in lowercase hex.</summary>
    public static Outcome<Complaint> Read(int from, string? sharedPoint, SharedPointProof? proof)
    {
        if (!LowerHex.TryDecode(sharedPoint, out var pointBytes) || !P256.TryDecodePoint(pointBytes, out var point, out _))
            return new Failure.BadInput("shared_point: the share's shared point S = a_{ℓ,0}·R is a compressed curve point in lowercase hex (66 characters).");
        if (proof is null || !LowerHex.TryDecode(proof.C, out var cBytes) || !P256.TryDecodeScalar(cBytes, out var c, out _)
            || !LowerHex.TryDecode(proof.V, out var vBytes) || !P256.TryDecodeScalar(vBytes, out var v, out _))
            return new Failure.BadInput("proof: the Chaum-Pedersen proof {c, v} is two scalars, each 32 bytes of lowercase hex.");
        return new Complaint(from, new ComplaintProof(point, c, v), sharedPoint!, proof);
    }

    public async Task<Outcome<CeremonyResponse>> JudgeAsync(ElectionRecord election, CeremonyState state, ElectionGuardian me, Complaint c, CancellationToken ct)
    {
        if (c.From == me.Index)
            return new Failure.BadInput($"Guardian {me.Index} cannot complain about its own share.");
        if (!state.Parameters.IsGuardian(c.From))
            return new Failure.BadInput($"from: round {state.Round} has guardians 1..{election.Guardians}; there is no guardian {c.From}.");
        var accused = state.Guardians[c.From - 1];
        if (state.Complaints.Any(j => j.Round == state.Round && j.By == me.Index && j.Accused == c.From))
            return new Failure.Conflict($"Guardian {me.Index}'s complaint about guardian {c.From} ({accused.Name}) was already refused in round {state.Round}.");
        var share = GuardianMessages.ParseShares(accused.Shares!).Single(s => s.To == me.Index);
        var commitments = state.AllCommitments();
        // The proof first: a complainer who cannot show that S opens this share to it gets no ruling on it.
        if (c.Proof.Verify(state.Parameters, state.Round, share, commitments[me.Index - 1][0].Commitment) is { } invalid)
            return new Failure.BadInput($"proof: {invalid} (guardian {me.Index}'s complaint about guardian {c.From}, round {state.Round}). The complaint is refused and not recorded; nothing changes.");
        var (plain, fault) = c.Proof.Judge(state.Parameters, share, commitments[c.From - 1].Select(k => k.Commitment).ToArray());
        var judged = Rule(state, me, accused, c, plain is null ? null : LowerHex.Encode(plain), fault);
        election.CeremonyComplaints = JudgedComplaint.Append(election.CeremonyComplaints, judged);
        if (judged.Ruling == JudgedComplaint.Restarted)
            await RestartWithoutAsync(election, state, accused, ct);
        await elections.SaveAsync(ct);
        return judged.Ruling == JudgedComplaint.Refused
            ? new Failure.BadInput($"{judged.Reason} The complaint is refused and recorded; nothing else changes.")
            : new CeremonyState(election, await guardians.ListAsync(election.Id, ct)).ToResponse();
    }

    private JudgedComplaint Rule(CeremonyState state, ElectionGuardian by, ElectionGuardian accused, Complaint c, string? share, ShareFault fault)
    {
        var (g, q) = (state.Guardians.Count, state.Parameters.Quorum);
        var complaint = $"Guardian {by.Index} ({by.Name}) complained about the share from guardian {accused.Index} ({accused.Name}) in round {state.Round}:";
        var wrong = fault switch
        {
            ShareFault.Unreadable => "it does not decrypt with the key its proven shared point gives",
            ShareFault.NotAScalar => "it decrypts to a value that is not a scalar below the group order",
            _ => $"it fails {accused.Name}'s commitments",
        };
        var (ruling, reason) = fault == ShareFault.None
            ? (JudgedComplaint.Refused, $"{complaint} that share matches {accused.Name}'s commitments.")
            : g - 1 >= q
                ? (JudgedComplaint.Restarted, $"{complaint} {wrong}, so {accused.Name} is removed and the ceremony restarts with the other {g - 1} guardians (round {state.Round + 1}).")
                : (JudgedComplaint.Failed, $"{complaint} {wrong}; without {accused.Name} {g - 1} guardians would remain, fewer than the quorum of {q}, so the ceremony has failed. Create the election again.");
        return new JudgedComplaint(state.Round, by.Index, by.Name, accused.Index, accused.Name, share, c.SharedPoint, c.Posted, ruling, reason, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The accused leaves with index −round; the guardians after it move down by one, so the next round's indices are
    /// 1..g − 1 and H_P, the Lagrange weights and election_open all use them; every remaining guardian's commitments,
    /// shares and verdict are discarded (they were made for the old set). One row per save: the unique index on
    /// (election, index) is checked row by row.
    /// </summary>
    private async Task RestartWithoutAsync(ElectionRecord election, CeremonyState state, ElectionGuardian accused, CancellationToken ct)
    {
        foreach (var g in state.Guardians)
            (g.Commitments, g.Shares, g.Verdict, g.JoinedAt) = (null, null, null, null);
        var removedAt = accused.Index;
        accused.Index = -state.Round;
        await guardians.SaveAsync(ct);
        foreach (var g in state.Guardians.Where(g => g.Index > removedAt))
        {
            g.Index--;
            await guardians.SaveAsync(ct);
        }
        election.Guardians = state.Guardians.Count - 1;
    }
}
