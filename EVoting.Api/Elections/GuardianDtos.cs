using System.ComponentModel;
using System.Text.Json.Nodes;

namespace EVoting.Api.Elections;

/// <summary>A guardian's part in the ceremony and the tally, as the official's page and the other guardians see it.</summary>
public sealed record GuardianStatus(
    int Index, string Name, bool CommitmentsPosted, bool SharesPosted,
    [property: Description("null until the guardian checked the shares it received; then accepted or complaint.")] string? Verdict,
    bool DecryptionPosted);

/// <summary>
/// The public ceremony record so far (docs/trustees.md "Guardians in the product"). Phases: commitments → shares →
/// verification → complete, or failed after a justified complaint.
/// </summary>
public sealed record CeremonyResponse(
    int ElectionId, int Guardians, int Quorum,
    [property: Description("commitments, shares, verification, complete or failed")] string Phase,
    IReadOnlyList<GuardianStatus> Members,
    [property: Description("Each guardian's q commitments with proofs (null until posted), in guardian order.")] IReadOnlyList<JsonNode?> Commitments,
    [property: Description("Every encrypted share posted, {from, to, r, ciphertext}: public, readable only by its recipient.")] IReadOnlyList<JsonNode> Shares,
    [property: Description("Complaints, {by, from, share}: the decrypted share anyone can check against the sender's commitments.")] IReadOnlyList<JsonNode> Complaints,
    [property: Description("The ceremony record election_open will carry, once the ceremony is complete.")] JsonNode? Record);

/// <summary>Guardian ℓ's q commitments, [{commitment, c, v}] in coefficient order.</summary>
public sealed record PostCommitmentsRequest(JsonArray? Commitments);

/// <summary>Guardian ℓ's encrypted shares, one to each other guardian, [{from, to, r, ciphertext}].</summary>
public sealed record PostSharesRequest(JsonArray? Shares);

/// <summary>Guardian ℓ's verdict on the shares it received: accept, or a complaint naming the sender and the decrypted share.</summary>
public sealed record PostVerdictRequest(bool? Accept, int? From, string? Share);

/// <summary>Guardian ℓ's partial decryptions of the tally's aggregates, one per candidate, [{guardian, m, c, v}].</summary>
public sealed record PostDecryptionRequest(JsonArray? Decryptions);

/// <summary>The sums of the election's final ballots on chain that guardians decrypt: A and B per candidate in the tally encoding.</summary>
public sealed record AggregatesResponse(int ElectionId, int TotalBallots, IReadOnlyList<AggregateCiphertext> Aggregate);
