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
/// with the share's shared point S = a_{ℓ,0}·R and its proof (docs/trustees.md "A complaint"). The relay derives the
/// share from them; the complainer never states a value.
/// </summary>
public sealed record PostVerdictRequest(
    [property: Description("The ceremony round the verdict is about (the ceremony's round): a verdict about an earlier round is refused.")] int? Round,
    bool? Accept,
    [property: Description("A complaint: the guardian whose share to me is wrong.")] int? From,
    [property: Description("A complaint: S = a_{ℓ,0}·R for that share's R, a compressed point in lowercase hex (66 characters).")] string? SharedPoint,
    [property: Description("A complaint: the Chaum-Pedersen proof that log_G K_{ℓ,0} = log_R S.")] SharedPointProof? Proof);

/// <summary>
/// A Chaum-Pedersen proof (c, v), each 32 bytes of lowercase hex, that a complaint's shared point S is the complainer's
/// key times the share's R (docs/trustees.md "A complaint").
/// </summary>
public sealed record SharedPointProof(string C, string V);

/// <summary>Guardian ℓ's partial decryptions of the tally's aggregates, one per candidate, [{guardian, m, c, v}].</summary>
public sealed record PostDecryptionRequest(JsonArray? Decryptions);

/// <summary>The sums of the election's final ballots on chain that guardians decrypt: A and B per candidate in the tally encoding.</summary>
public sealed record AggregatesResponse(int ElectionId, int TotalBallots, IReadOnlyList<AggregateCiphertext> Aggregate);
