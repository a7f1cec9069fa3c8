using System.Text;

namespace EVoting.Api.Elections;

/// <summary>
/// Upper estimates of the two transactions that carry an election's record (docs/trustees.md "The election record on
/// chain"), so an election whose election_open (title, names, g·q commitments) or election_tally (every guardian's
/// partial decryption for every candidate) would exceed the chain's max_tx_bytes is refused when it is created, not
/// when it opens or is tallied. The byte counts are those of the JSON forms with the longest numbers.
/// </summary>
public static class ElectionRecordSize
{
    private const int Envelope = 730;          // type, ids, timestamp, public key, roll_size, signature, hash, from
    private const int Commitment = 230;        // {"commitment":"<66>","c":"<64>","v":"<64>"},
    private const int VerificationKey = 70;    // "<66>",
    private const int CandidateResult = 180;   // {"a":"<66>","b":"<66>","shares":[],"set":[],"count":N},
    private const int PartialDecryption = 240; // {"guardian":N,"m":"<66>","c":"<64>","v":"<64>"}, and its index in "set"

    public static int Open(string title, IEnumerable<string> names, int guardians, int quorum) =>
        Envelope + Json(title) + names.Sum(n => Json(n) + 3) + guardians * quorum * Commitment + guardians * VerificationKey;

    public static int Tally(int candidates, int guardians) => Envelope + candidates * (CandidateResult + guardians * PartialDecryption);

    /// <summary>A string's bytes in the transaction JSON: the writer's default encoder escapes non-ASCII as \uXXXX.</summary>
    private static int Json(string text) => Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(text));
}
