using System.Text.Json;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// A challenged ballot's JSON (docs/trustees.md "JSON forms"): {"election_id", "ballot": {ballot JSON}, "selections",
/// "nonces"}. The ballot inside is parsed by <see cref="BallotJson"/>, so its defects carry ballot reasons.
/// </summary>
public static class ChallengedBallotJson
{
    public static (ulong ElectionId, ChallengedBallot Challenged) Parse(string json) => TrusteeJsonReader.Read(json, Read);

    internal static (ulong ElectionId, ChallengedBallot Challenged) Read(JsonElement element)
    {
        var fields = TrusteeJsonReader.Fields(element, "challenged ballot", "election_id", "ballot", "selections", "nonces");
        var electionId = TrusteeJsonReader.ElectionId(fields["election_id"], "election_id");
        if (fields["ballot"].ValueKind != JsonValueKind.Object)
            throw new BallotFormatException(TrusteeErrors.MalformedJson, "ballot");
        var ballot = BallotJson.Parse(fields["ballot"].GetRawText());
        var selections = TrusteeJsonReader.Array(fields["selections"], "selections", Election.MaxCandidates, BallotErrors.WrongCandidateCount)
            .Select((m, i) => TrusteeJsonReader.Integer(m, $"selections[{i}]", TrusteeErrors.MalformedJson))
            .ToArray();
        var nonces = TrusteeJsonReader.Array(fields["nonces"], "nonces", Election.MaxCandidates, BallotErrors.WrongCandidateCount)
            .Select((xi, i) => TrusteeJsonReader.Scalar(xi, $"nonces[{i}]"))
            .ToArray();
        return (electionId, new ChallengedBallot(ballot, selections, nonces));
    }

    public static string Serialize(ulong electionId, ChallengedBallot challenged) => TrusteeJsonWriter.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("election_id", electionId);
        writer.WritePropertyName("ballot");
        writer.WriteRawValue(BallotJson.Serialize(challenged.Ballot));
        writer.WriteStartArray("selections");
        foreach (var m in challenged.Selections)
            writer.WriteNumberValue(m);
        writer.WriteEndArray();
        writer.WriteStartArray("nonces");
        foreach (var xi in challenged.Nonces)
            writer.WriteStringValue(LowerHex.Encode(P256.EncodeScalar(xi)));
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
