using System.ComponentModel.DataAnnotations;
using EVoting.Api.Data;

namespace EVoting.Api.Elections;

public sealed record CandidateInput(string? Name, string? Description);

public sealed record CreateElectionRequest(
    string? Title, string? Description, DateTime? StartsAt, DateTime? EndsAt,
    List<CandidateInput?>? Candidates, int? MaxSelections,
    [property: AllowedValues(Eligibility.Roll, Eligibility.Open)] string? Eligibility = null);

public sealed record CandidateResponse(int Id, int Position, string Name, string Description);

public sealed record ElectionResponse(
    int Id, string Title, string Description, [property: AllowedValues(ElectionStatusText.Draft, ElectionStatusText.Open, ElectionStatusText.Closed, ElectionStatusText.Tallied)] string Status, DateTime StartsAt, DateTime EndsAt,
    IReadOnlyList<CandidateResponse> Candidates, string PublicKey, string ElectionHash, int MaxSelections,
    bool HasVoted, DateTime? OpenedAt, DateTime? ClosedAt,
    [property: AllowedValues(Eligibility.Roll, Eligibility.Open)] string Eligibility, int RollEntries, bool Enrolled);

public sealed record CandidateCount(int Id, string Name, long Count);

public sealed record AggregateCiphertext(string Alpha, string Beta);

public sealed record DecryptionProof(
    [property: System.Text.Json.Serialization.JsonPropertyName("D")] string D, string C, string V);

public sealed record ResultsResponse(
    int ElectionId, [property: AllowedValues(ElectionStatusText.Draft, ElectionStatusText.Open, ElectionStatusText.Closed, ElectionStatusText.Tallied)] string Status, int TotalBallots, IReadOnlyList<CandidateCount> Candidates,
    IReadOnlyList<AggregateCiphertext> Aggregate, IReadOnlyList<DecryptionProof> Decryption, bool Verified,
    DateTime ComputedAt);
