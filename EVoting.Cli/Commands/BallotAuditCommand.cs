using System.CommandLine;
using System.Text.Json;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting ballot audit FILE`: checks challenged ("spoiled") ballots independently of the API and the browser
/// (docs/trustees.md#ballot-challenge). FILE is one challenged ballot {election_id, ballot, selections, nonces} (what the
/// ballot page offers for download) or a JSON array of them (what GET /api/elections/{id}/spoiled returns). The election
/// comes from the options (its key from the election page or the chain's election_open), never from the file. For each
/// ballot it prints what it checked; exit 0 all open to their selections, 1 any does not, 2 usage error.
/// </summary>
public static class BallotAuditCommand
{
    public static Command Create() => BallotCommand.ElectionFileCommand("audit",
        "Check challenged ballots: the proofs, and that each ciphertext opens to its revealed selection with its revealed nonce",
        "A challenged ballot JSON file, or an array of them ('-' for stdin)",
        (parse, election, json) => Audit(election, json, parse.InvocationConfiguration.Output));

    /// <summary>Checks every challenged ballot in <paramref name="json"/>, reporting each; 0 when all check, else 1.</summary>
    public static int Audit(Election election, string json, TextWriter output)
    {
        IReadOnlyList<string> items;
        try
        {
            items = Items(json);
        }
        catch (JsonException ex)
        {
            output.WriteLine($"invalid: not JSON ({ex.Message})");
            return 1;
        }
        if (items.Count == 0)
        {
            output.WriteLine("invalid: the file holds no challenged ballot");
            return 1;
        }
        output.WriteLine($"election {election.Id}: K {election.PublicKeyHex}, {election.Candidates} candidates, at most {election.MaxSelections} selected, H_E {election.HashHex}");
        var failed = 0;
        for (var n = 0; n < items.Count; n++)
        {
            var line = AuditOne(election, items[n]);
            output.WriteLine($"challenged ballot {n + 1} of {items.Count}: {line.Text}");
            failed += line.Ok ? 0 : 1;
        }
        output.WriteLine(failed == 0
            ? $"all {items.Count} challenged ballot(s) check: each encrypts exactly the selections it reveals"
            : $"{failed} of {items.Count} challenged ballot(s) do not check");
        return failed == 0 ? 0 : 1;
    }

    private static (bool Ok, string Text) AuditOne(Election election, string json)
    {
        if (TrusteeVerifier.VerifyChallengedBallot(election, json) is { } reason)
            return (false, "INVALID: " + reason);
        var (_, challenged) = ChallengedBallotJson.Parse(json);
        var chosen = challenged.Selections.Select((m, i) => (m, i)).Where(x => x.m == 1).Select(x => (x.i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (true, $"tracking code {BallotHash.ComputeHex(election, challenged.Ballot)}; range and sum proofs verify; "
            + $"for each of the {election.Candidates} candidates α = ξ·G and β = (m + ξ)·K; "
            + $"it encrypts a vote for {(chosen.Length == 0 ? "no candidate" : "candidate " + string.Join(", ", chosen))}");
    }

    /// <summary>The raw JSON of each challenged ballot: the file's one object, or each element of its array.</summary>
    private static IReadOnlyList<string> Items(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select(item => item.GetRawText()).ToArray()
            : [root.GetRawText()];
    }
}
