using System.ComponentModel;
using System.Text.Json.Nodes;

namespace EVoting.Api.Elections;

/// <summary>A guardian's part in the ceremony and the tally, as the official's page and the other guardians see it.</summary>
public sealed record GuardianStatus(
    int Index, string Name, bool CommitmentsPosted, bool SharesPosted,
    [property: Description("null until the guardian accepted every share it received in this round; then accepted.")] string? Verdict,
    bool DecryptionPosted);

/// <summary>
/// The public ceremony record so far (docs/trustees.md "Guardians in the product"). Phases: commitments → shares →
/// verification → complete in each round; an upheld complaint starts the next round without the accused, or fails the
/// ceremony when fewer than q guardians would remain.
/// </summary>
public sealed record CeremonyResponse(
    int ElectionId,
    [property: Description("g of the current round: the guardians still taking part.")] int Guardians,
    int Quorum,
    [property: Description("The ceremony's round: 1, plus one for each upheld complaint that restarted it without the accused guardian.")] int Round,
    [property: Description("commitments, shares, verification, complete or failed")] string Phase,
    [property: Description("The guardians of the current round, indices 1..g.")] IReadOnlyList<GuardianStatus> Members,
    [property: Description("Each guardian's q commitments with proofs (null until posted), in guardian order.")] IReadOnlyList<JsonNode?> Commitments,
    [property: Description("Every encrypted share posted, {from, to, r, ciphertext}: public, readable only by its recipient.")] IReadOnlyList<JsonNode> Shares,
    [property: Description("Every complaint the relay judged, oldest first, in all rounds.")] IReadOnlyList<JudgedComplaint> Complaints,
    [property: Description("The ceremony record election_open will carry, once the ceremony is complete.")] JsonNode? Record);

/// <summary>Guardian ℓ's q commitments, [{commitment, c, v}] in coefficient order.</summary>
public sealed record PostCommitmentsRequest(JsonArray? Commitments);

/// <summary>Guardian ℓ's encrypted shares, one to each other guardian, [{from, to, r, ciphertext}].</summary>
public sealed record PostSharesRequest(JsonArray? Shares);

/// <summary>
/// Guardian ℓ's verdict on the shares it received in <paramref name="Round"/>: accept, or a complaint naming the sender
/// and the decrypted share.
/// </summary>
public sealed record PostVerdictRequest(
    [property: Description("The ceremony round the verdict is about (the ceremony's round): a verdict about an earlier round is refused.")] int? Round,
    bool? Accept, int? From, string? Share);

/// <summary>Guardian ℓ's partial decryptions of the tally's aggregates, one per candidate, [{guardian, m, c, v}].</summary>
public sealed record PostDecryptionRequest(JsonArray? Decryptions);

/// <summary>The sums of the election's final ballots on chain that guardians decrypt: A and B per candidate in the tally encoding.</summary>
public sealed record AggregatesResponse(int ElectionId, int TotalBallots, IReadOnlyList<AggregateCiphertext> Aggregate);
