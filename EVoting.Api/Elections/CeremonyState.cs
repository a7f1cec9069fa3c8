using System.Text.Json.Nodes;
using EVoting.Api.Data;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// Where an election's key ceremony stands, from its guardians' rows (docs/trustees.md "Guardians in the product"):
/// commitments → shares → verification → complete, or failed once a guardian's complaint was upheld.
/// </summary>
public sealed class CeremonyState(ElectionRecord election, IReadOnlyList<ElectionGuardian> guardians)
{
    public const string Commitments = "commitments";
    public const string Shares = "shares";
    public const string Verification = "verification";
    public const string Complete = "complete";
    public const string Failed = "failed";
    public const string Accepted = "accepted";
    public const string Complaint = "complaint";

    public IReadOnlyList<ElectionGuardian> Guardians => guardians;

    public CeremonyParameters Parameters { get; } = new((ulong)election.Id, election.Guardians, election.Quorum);

    public string Phase =>
        guardians.Any(g => g.Verdict == Complaint) ? Failed
        : guardians.Any(g => g.Commitments is null) ? Commitments
        : guardians.Any(g => g.Shares is null) ? Shares
        : guardians.Any(g => g.Verdict != Accepted) ? Verification
        : Complete;

    /// <summary>Every guardian's commitments, parsed (only once all are posted).</summary>
    public IReadOnlyList<IReadOnlyList<CoefficientCommitment>> AllCommitments() =>
        guardians.Select(g => GuardianMessages.ParseCommitments(g.Commitments!, g.Index)).ToArray();

    /// <summary>The ceremony record election_open carries; null until the ceremony is complete.</summary>
    public CeremonyRecord? Record()
    {
        if (Phase != Complete)
            return null;
        var commitments = AllCommitments();
        return CeremonyRecord.From(CeremonyResult.FromCommitments(Parameters, commitments), commitments);
    }

    /// <summary>Names of the guardians that still owe the current step.</summary>
    public string Waiting() => string.Join(", ", guardians.Where(g => Phase switch
    {
        Commitments => g.Commitments is null,
        Shares => g.Shares is null,
        Verification => g.Verdict != Accepted,
        _ => false,
    }).Select(g => $"{g.Index} ({g.Name})"));

    public CeremonyResponse ToResponse() => new(
        election.Id, election.Guardians, election.Quorum, Phase,
        guardians.Select(g => new GuardianStatus(g.Index, g.Name, g.Commitments is not null, g.Shares is not null, g.Verdict, g.Decryption is not null)).ToArray(),
        guardians.Select(g => g.Commitments is null ? null : JsonNode.Parse(g.Commitments)).ToArray(),
        guardians.Where(g => g.Shares is not null).SelectMany(g => JsonNode.Parse(g.Shares!)!.AsArray().Select(s => s!.DeepClone())).ToArray(),
        guardians.Where(g => g.Complaint is not null).Select(g => JsonNode.Parse(g.Complaint!)!).ToArray(),
        Record() is { } record ? JsonNode.Parse(CeremonyJson.Serialize(record)) : null);
}
