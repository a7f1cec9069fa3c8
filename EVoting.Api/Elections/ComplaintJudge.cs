using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;

namespace EVoting.Api.Elections;

/// <summary>
/// Judges a guardian's complaint about a share it received (docs/trustees.md "A complaint"), from public values: refused
/// when the decrypted share matches the sender's commitments (recorded, nothing else changes); upheld otherwise, which
/// restarts the ceremony without the sender, or fails it when fewer than q guardians would remain. The relay calls it
/// under the election's lock, after checking the round and the phase.
/// </summary>
public sealed class ComplaintJudge(IElectionStore elections, IGuardianStore guardians, TimeProvider clock)
{
    /// <summary>A complaint about guardian <paramref name="From"/>'s share: its decrypted value, and that value as posted.</summary>
    public sealed record Complaint(int From, BigInteger Value, string Hex);

    public async Task<Outcome<CeremonyResponse>> JudgeAsync(ElectionRecord election, CeremonyState state, ElectionGuardian me, Complaint c, CancellationToken ct)
    {
        if (c.From == me.Index)
            return new Failure.BadInput($"Guardian {me.Index} cannot complain about its own share.");
        if (!state.Parameters.IsGuardian(c.From))
            return new Failure.BadInput($"from: round {state.Round} has guardians 1..{election.Guardians}; there is no guardian {c.From}.");
        var accused = state.Guardians[c.From - 1];
        if (state.Complaints.Any(j => j.Round == state.Round && j.By == me.Index && j.Accused == c.From))
            return new Failure.Conflict($"Guardian {me.Index}'s complaint about guardian {c.From} ({accused.Name}) was already refused in round {state.Round}.");
        var matches = GuardianPolynomial.ShareMatches(c.Value, me.Index, state.AllCommitments()[c.From - 1].Select(k => k.Commitment).ToArray());
        var judged = Rule(state, me, accused, c.Hex, matches);
        election.CeremonyComplaints = JudgedComplaint.Append(election.CeremonyComplaints, judged);
        if (judged.Ruling == JudgedComplaint.Restarted)
            await RestartWithoutAsync(election, state, accused, ct);
        await elections.SaveAsync(ct);
        return judged.Ruling == JudgedComplaint.Refused
            ? new Failure.BadInput($"{judged.Reason} The complaint is refused and recorded; nothing else changes.")
            : new CeremonyState(election, await guardians.ListAsync(election.Id, ct)).ToResponse();
    }

    private JudgedComplaint Rule(CeremonyState state, ElectionGuardian by, ElectionGuardian accused, string share, bool matches)
    {
        var (g, q) = (state.Guardians.Count, state.Parameters.Quorum);
        var complaint = $"Guardian {by.Index} ({by.Name}) complained about the share from guardian {accused.Index} ({accused.Name}) in round {state.Round}:";
        var (ruling, reason) = matches
            ? (JudgedComplaint.Refused, $"{complaint} that share matches {accused.Name}'s commitments.")
            : g - 1 >= q
                ? (JudgedComplaint.Restarted, $"{complaint} it fails {accused.Name}'s commitments, so {accused.Name} is removed and the ceremony restarts with the other {g - 1} guardians (round {state.Round + 1}).")
                : (JudgedComplaint.Failed, $"{complaint} it fails {accused.Name}'s commitments; without {accused.Name} {g - 1} guardians would remain, fewer than the quorum of {q}, so the ceremony has failed. Create the election again.");
        return new JudgedComplaint(state.Round, by.Index, by.Name, accused.Index, accused.Name, share, ruling, reason, clock.GetUtcNow().UtcDateTime);
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
