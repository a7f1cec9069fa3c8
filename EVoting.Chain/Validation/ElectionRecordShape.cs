using System.Text.Json;

namespace EVoting.Chain;

/// <summary>
/// The shape and size bounds validators check on an election_open's election record and an election_tally's results
/// (docs/wire-format.md "Transactions"): cheap checks without cryptography, so the chain holds only records of the right
/// form. The proofs inside are an auditor's to check (EVoting.Audit, `evoting verify`), who has the ballots' sums.
/// </summary>
public static class ElectionRecordShape
{
    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 200;
    public const int MaxGuardians = 255;

    /// <summary>Null when an election_open without a record, or with a complete and bounded one for this election; else why not.</summary>
    public static string? CheckOpen(Transaction open)
    {
        if (!open.HasElectionRecord)
            return open.Title.Length == 0 && open.CandidateNames.Count == 0 ? null : ValidationErrors.ElectionBadRecord;
        if (open.Title.Trim().Length == 0 || open.Title.Length > MaxTitleLength
            || open.CandidateNames.Count != open.Candidates
            || open.CandidateNames.Any(n => n.Trim().Length == 0 || n.Length > MaxNameLength))
            return ValidationErrors.ElectionBadRecord;
        try
        {
            using var doc = JsonDocument.Parse(open.Ceremony);
            var c = doc.RootElement;
            if (c.ValueKind != JsonValueKind.Object
                || !Integer(c, "election_id", out var id) || id != (long)open.ElectionId
                || !Integer(c, "guardians", out var g) || g is < 1 or > MaxGuardians
                || !Integer(c, "quorum", out var q) || q < 1 || q > g
                || !c.TryGetProperty("election_key", out var key) || key.ValueKind != JsonValueKind.String
                || key.GetString() != Convert.ToHexStringLower(open.PublicKey))
                return ValidationErrors.ElectionCeremonyMismatch;
        }
        catch (JsonException)
        {
            return ValidationErrors.ElectionCeremonyMismatch;
        }
        return null;
    }

    /// <summary>Null when the results are a JSON array with one entry per candidate; else why not.</summary>
    public static string? CheckTally(Transaction tally, ElectionInfo election)
    {
        try
        {
            using var doc = JsonDocument.Parse(tally.Results);
            return doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() == election.Candidates
                && doc.RootElement.EnumerateArray().All(r => r.ValueKind == JsonValueKind.Object)
                ? null
                : ValidationErrors.TallyBadShape;
        }
        catch (JsonException)
        {
            return ValidationErrors.TallyBadShape;
        }
    }

    private static bool Integer(JsonElement o, string name, out long value)
    {
        value = 0;
        return o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out value);
    }
}
