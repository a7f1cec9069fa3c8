using System.Text.Json.Nodes;
using EVoting.Api.Data;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// Where an election's key ceremony stands, from its guardians' rows and the judged complaints (docs/trustees.md
/// "Guardians in the product"): commitments → shares → verification → complete in each round, or failed once an upheld
/// complaint would leave fewer than q guardians. An upheld complaint that leaves enough restarts the ceremony (round + 1).
/// </summary>
public sealed class CeremonyState(ElectionRecord election, IReadOnlyList<ElectionGuardian> rows)
{
    public const string Commitments = "commitments";
    public const string Shares = "shares";
    public const string Verification = "verification";
    public const string Complete = "complete";
    public const string Failed = "failed";
    public const string Accepted = "accepted";

    /// <summary>The guardians of the current round, indices 1..g in order; removed guardians' rows carry an index below 1.</summary>
    public IReadOnlyList<ElectionGuardian> Guardians { get; } = rows.Where(g => g.Index >= 1).OrderBy(g => g.Index).ToArray();

    public IReadOnlyList<JudgedComplaint> Complaints { get; } = JudgedComplaint.Parse(election.CeremonyComplaints);

    public int Round => JudgedComplaint.RoundOf(Complaints);

    public CeremonyParameters Parameters { get; } = new((ulong)election.Id, election.Guardians, election.Quorum);

    public string Phase =>
        Complaints.Any(c => c.Ruling == JudgedComplaint.Failed) ? Failed
        : Guardians.Any(g => g.Commitments is null) ? Commitments
        : Guardians.Any(g => g.Shares is null) ? Shares
        : Guardians.Any(g => g.Verdict != Accepted) ? Verification
        : Complete;

    /// <summary>Every guardian's commitments, parsed (only once all are posted).</summary>
    public IReadOnlyList<IReadOnlyList<CoefficientCommitment>> AllCommitments() =>
        Guardians.Select(g => GuardianMessages.ParseCommitments(g.Commitments!, g.Index)).ToArray();

    /// <summary>The ceremony record election_open carries; null until the ceremony is complete.</summary>
    public CeremonyRecord? Record()
    {
        if (Phase != Complete)
            return null;
        var commitments = AllCommitments();
        return CeremonyRecord.From(CeremonyResult.FromCommitments(Parameters, commitments), commitments);
    }

    /// <summary>Names of the guardians that still owe the current step.</summary>
    public string Waiting() => string.Join(", ", Guardians.Where(g => Phase switch
    {
        Commitments => g.Commitments is null,
        Shares => g.Shares is null,
        Verification => g.Verdict != Accepted,
        _ => false,
    }).Select(g => $"{g.Index} ({g.Name})"));

    public CeremonyResponse ToResponse() => new(
        election.Id, election.Guardians, election.Quorum, Round, Phase,
        Guardians.Select(g => new GuardianStatus(g.Index, g.Name, g.Commitments is not null, g.Shares is not null, g.Verdict, g.Decryption is not null)).ToArray(),
        Guardians.Select(g => g.Commitments is null ? null : JsonNode.Parse(g.Commitments)).ToArray(),
        Guardians.Where(g => g.Shares is not null).SelectMany(g => JsonNode.Parse(g.Shares!)!.AsArray().Select(s => s!.DeepClone())).ToArray(),
        Complaints,
        Record() is { } record ? JsonNode.Parse(CeremonyJson.Serialize(record)) : null);
}
