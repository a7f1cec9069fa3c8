using System.ComponentModel.DataAnnotations;
using EVoting.Api.Data;

namespace EVoting.Api.Elections;

public sealed record CandidateInput(string? Name, string? Description);

public sealed record GuardianInput(string? Name, string? Email);

public sealed record CreateElectionRequest(
    string? Title, string? Description, DateTime? StartsAt, DateTime? EndsAt,
    List<CandidateInput?>? Candidates, int? MaxSelections,
    [property: System.ComponentModel.Description("The guardians who hold the election key together (docs/trustees.md); absent: the server is the one trustee (demo).")]
    List<GuardianInput?>? Guardians = null,
    [property: System.ComponentModel.Description("How many guardians must take part in the tally, 1..g; absent with guardians: all of them.")]
    int? Quorum = null,
    [property: AllowedValues(Eligibility.Roll, Eligibility.Open)] string? Eligibility = null);

/// <summary>A guardian's invitation, in the creation response only: the token is not stored and cannot be shown again.</summary>
public sealed record GuardianInvitation(int Index, string Name, string Email, string Token);

public sealed record CandidateResponse(int Id, int Position, string Name, string Description);

public sealed record ElectionResponse(
    int Id, string Title, string Description, [property: AllowedValues(ElectionStatusText.Draft, ElectionStatusText.Open, ElectionStatusText.Closed, ElectionStatusText.Tallied)] string Status, DateTime StartsAt, DateTime EndsAt,
    IReadOnlyList<CandidateResponse> Candidates, string PublicKey, string ElectionHash, int MaxSelections,
    bool HasVoted, DateTime? OpenedAt, DateTime? ClosedAt,
    [property: System.ComponentModel.Description("g: how many guardians hold the key (1 with the server as the one trustee); an upheld complaint lowers it by one.")]
    int Guardians = 1,
    [property: System.ComponentModel.Description("q: how many guardians must take part in the tally.")]
    int Quorum = 1,
    [property: System.ComponentModel.Description("False: single trustee (demo), the server can decrypt. True: only q guardians together can.")]
    bool ExternalGuardians = false,
    [property: System.ComponentModel.Description("Only in the response that creates an election with guardians: each guardian's invitation token, shown once.")]
    IReadOnlyList<GuardianInvitation>? GuardianInvitations = null,
    [property: AllowedValues(Eligibility.Roll, Eligibility.Open)] string Eligibility = Elections.Eligibility.Roll, int RollEntries = 0, bool Enrolled = false,
    [property: System.ComponentModel.Description("The key ceremony's round: 1, plus one for each upheld complaint that restarted it without the accused guardian.")]
    int CeremonyRound = 1,
    [property: System.ComponentModel.Description("The guardians' complaints the relay judged, oldest first: who complained about whom, and whether it was refused, restarted the ceremony or failed it.")]
    IReadOnlyList<JudgedComplaint>? CeremonyComplaints = null);

public sealed record CandidateCount(int Id, string Name, long Count);

public sealed record AggregateCiphertext(string Alpha, string Beta);

public sealed record DecryptionProof(
    [property: System.Text.Json.Serialization.JsonPropertyName("D")] string D, string C, string V);

public sealed record ResultsResponse(
    int ElectionId, [property: AllowedValues(ElectionStatusText.Draft, ElectionStatusText.Open, ElectionStatusText.Closed, ElectionStatusText.Tallied)] string Status, int TotalBallots, IReadOnlyList<CandidateCount> Candidates,
    IReadOnlyList<AggregateCiphertext> Aggregate, IReadOnlyList<DecryptionProof> Decryption, bool Verified,
    DateTime ComputedAt,
    [property: System.ComponentModel.Description("Hash of the election_tally transaction that puts the threshold record on chain (docs/trustees.md); null for a tally from before it existed.")]
    string? TallyTransaction,
    [property: System.ComponentModel.Description("That transaction's status: pending, included or final.")]
    string? TallyTransactionStatus,
    [property: System.ComponentModel.Description("The guardians (indices 1..g) whose partial decryptions were combined; [1] is the server as the one trustee.")]
    IReadOnlyList<int> Guardians);
