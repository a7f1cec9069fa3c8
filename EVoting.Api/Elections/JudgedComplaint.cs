using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace EVoting.Api.Elections;

/// <summary>
/// A guardian's complaint about a share it received, as the relay judged it (docs/trustees.md "A complaint"): refused
/// (the share matches the sender's commitments; nothing changes), or upheld (it does not decrypt, is no scalar, or fails
/// them), which either restarted the ceremony without the accused or, when fewer than q guardians would remain, failed it. Guardian indices are those of the complaint's round.
/// </summary>
public sealed record JudgedComplaint(
    [property: Description("The ceremony round the complaint was about (1 for the first).")] int Round,
    int By, string ByName, int Accused, string AccusedName,
    [property: Description("The share as the shared point decrypts it, 32 bytes of lowercase hex; null when the ciphertext does not decrypt (the sender posted garbage).")] string? Share,
    [property: Description("S = a_{ℓ,0}·R of the complained-about share, compressed, lowercase hex: with it anyone derives the share's key, decrypts the posted ciphertext and re-checks the ruling.")] string SharedPoint,
    [property: Description("The Chaum-Pedersen proof that log_G K_{ℓ,0} = log_R S, checked before the complaint was judged.")] SharedPointProof Proof,
    [property: AllowedValues(JudgedComplaint.Refused, JudgedComplaint.Restarted, JudgedComplaint.Failed)]
    [property: Description("refused: the share matches, nothing changed; restarted: upheld (the share does not decrypt, is no scalar or fails the commitments), the accused was removed and the next round began; failed: upheld, but fewer than q guardians would remain.")]
    string Ruling,
    [property: Description("The ruling in words, for the official's page.")] string Reason,
    DateTime At)
{
    public const string Refused = "refused";
    public const string Restarted = "restarted";
    public const string Failed = "failed";

    /// <summary>The complaints stored on the election (<see cref="Data.ElectionRecord.CeremonyComplaints"/>), oldest first.</summary>
    public static IReadOnlyList<JudgedComplaint> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<JudgedComplaint[]>(json, TallyCodec.Json)!;

    /// <summary>The stored list with <paramref name="complaint"/> appended.</summary>
    public static string Append(string? json, JudgedComplaint complaint) =>
        JsonSerializer.Serialize(Parse(json).Append(complaint).ToArray(), TallyCodec.Json);

    /// <summary>The ceremony's round: 1, plus one for each upheld complaint that restarted it.</summary>
    public static int RoundOf(IReadOnlyList<JudgedComplaint> complaints) => 1 + complaints.Count(c => c.Ruling == Restarted);
}
