using System.Text.Json;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The JSON a guardian posts to the ceremony relay and reads back (docs/trustees.md "Guardians in the product"), in the
/// forms of docs/trustees.md "JSON forms": its q commitments [{"commitment", "c", "v"}], its encrypted shares
/// [{"from", "to", "r", "ciphertext"}], its partial decryptions [{"guardian", "m", "c", "v"}] one per candidate.
/// Shared by the API (which checks what it relays) and `evoting guardian` (which makes and reads it).
/// </summary>
public static class GuardianMessages
{
    /// <summary>Guardian <paramref name="guardian"/>'s commitments, in coefficient order; encodings only (each proof is the caller's to verify).</summary>
    public static IReadOnlyList<CoefficientCommitment> ParseCommitments(string json, int guardian) =>
        TrusteeJsonReader.Read(json, element => TrusteeJsonReader.Array(element, "commitments", CeremonyParameters.MaxGuardians, TrusteeErrors.WrongCommitmentCount)
            .Select((c, j) => CeremonyJson.ReadCommitment(c, guardian, j, $"commitments[{j}]"))
            .ToArray());

    public static string SerializeCommitments(IReadOnlyList<CoefficientCommitment> commitments) =>
        TrusteeJsonWriter.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var commitment in commitments)
                CeremonyJson.WriteCommitment(writer, commitment);
            writer.WriteEndArray();
        });

    public static IReadOnlyList<EncryptedShare> ParseShares(string json) =>
        TrusteeJsonReader.Read(json, element => TrusteeJsonReader.Array(element, "shares", CeremonyParameters.MaxGuardians, TrusteeErrors.MalformedJson)
            .Select((s, i) => EncryptedShareJson.Read(s, $"shares[{i}]"))
            .ToArray());

    public static string SerializeShares(IEnumerable<EncryptedShare> shares) => WriteArray(shares, EncryptedShareJson.Write);

    public static IReadOnlyList<PartialDecryption> ParsePartialDecryptions(string json) =>
        TrusteeJsonReader.Read(json, element => TrusteeJsonReader.Array(element, "decryptions", Election.MaxCandidates, BallotErrors.WrongCandidateCount)
            .Select((d, i) => ThresholdJson.ReadPartialDecryption(d, $"decryptions[{i}]"))
            .ToArray());

    public static string SerializePartialDecryptions(IEnumerable<PartialDecryption> decryptions) => WriteArray(decryptions, ThresholdJson.Write);

    private static string WriteArray<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write) =>
        TrusteeJsonWriter.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in items)
                write(writer, item);
            writer.WriteEndArray();
        });
}
