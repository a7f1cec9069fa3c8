using System.Text.Json;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// The ceremony record's JSON (docs/trustees.md "JSON forms"):
/// {"election_id", "guardians", "quorum", "commitments": [[{"commitment", "c", "v"} × q] × g], "election_key", "verification_keys"}.
/// Parsing checks the encodings only; <see cref="CeremonyRecord.Verify"/> checks the proofs and keys.
/// </summary>
public static class CeremonyJson
{
    public static CeremonyRecord Parse(string json) => TrusteeJsonReader.Read(json, Read);

    internal static CeremonyRecord Read(JsonElement element)
    {
        var fields = TrusteeJsonReader.Fields(element, "ceremony", "election_id", "guardians", "quorum", "commitments", "election_key", "verification_keys");
        var electionId = TrusteeJsonReader.ElectionId(fields["election_id"], "election_id");
        var guardians = TrusteeJsonReader.Integer(fields["guardians"], "guardians", TrusteeErrors.BadParameters);
        var quorum = TrusteeJsonReader.Integer(fields["quorum"], "quorum", TrusteeErrors.BadParameters);
        if (quorum < 1 || quorum > guardians || guardians > CeremonyParameters.MaxGuardians)
            throw new BallotFormatException(TrusteeErrors.BadParameters, "guardians");
        var parameters = new CeremonyParameters(electionId, guardians, quorum);
        var commitments = TrusteeJsonReader.Array(fields["commitments"], "commitments", CeremonyParameters.MaxGuardians, TrusteeErrors.WrongCommitmentCount)
            .Select((guardian, i) => (IReadOnlyList<CoefficientCommitment>)TrusteeJsonReader
                .Array(guardian, $"commitments[{i}]", CeremonyParameters.MaxGuardians, TrusteeErrors.WrongCommitmentCount)
                .Select((c, j) => ReadCommitment(c, i + 1, j, $"commitments[{i}][{j}]"))
                .ToArray())
            .ToArray();
        var electionKey = TrusteeJsonReader.Point(fields["election_key"], "election_key");
        var verificationKeys = TrusteeJsonReader.Array(fields["verification_keys"], "verification_keys", CeremonyParameters.MaxGuardians, TrusteeErrors.VerificationKeyMismatch)
            .Select((k, l) => TrusteeJsonReader.Point(k, $"verification_keys[{l}]"))
            .ToArray();
        return new CeremonyRecord(parameters, commitments, electionKey, verificationKeys);
    }

    /// <summary>The guardian and coefficient indices are the entry's position: they are never written, so a proof cannot claim another.</summary>
    internal static CoefficientCommitment ReadCommitment(JsonElement element, int guardian, int index, string where)
    {
        var fields = TrusteeJsonReader.Fields(element, where, "commitment", "c", "v");
        return new CoefficientCommitment(
            guardian,
            index,
            TrusteeJsonReader.Point(fields["commitment"], $"{where}.commitment"),
            TrusteeJsonReader.Scalar(fields["c"], $"{where}.c"),
            TrusteeJsonReader.Scalar(fields["v"], $"{where}.v"));
    }

    public static string Serialize(CeremonyRecord record) => TrusteeJsonWriter.Write(writer => Write(writer, record));

    internal static void Write(Utf8JsonWriter writer, CeremonyRecord record)
    {
        writer.WriteStartObject();
        writer.WriteNumber("election_id", record.Parameters.ElectionId);
        writer.WriteNumber("guardians", record.Parameters.Guardians);
        writer.WriteNumber("quorum", record.Parameters.Quorum);
        writer.WriteStartArray("commitments");
        foreach (var guardian in record.Commitments)
        {
            writer.WriteStartArray();
            foreach (var commitment in guardian)
                WriteCommitment(writer, commitment);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        TrusteeJsonWriter.Point(writer, "election_key", record.ElectionKey);
        writer.WriteStartArray("verification_keys");
        foreach (var key in record.VerificationKeys)
            writer.WriteStringValue(LowerHex.Encode(P256.Encode(key)));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void WriteCommitment(Utf8JsonWriter writer, CoefficientCommitment commitment)
    {
        writer.WriteStartObject();
        TrusteeJsonWriter.Point(writer, "commitment", commitment.Commitment);
        TrusteeJsonWriter.Scalar(writer, "c", commitment.C);
        TrusteeJsonWriter.Scalar(writer, "v", commitment.V);
        writer.WriteEndObject();
    }
}
