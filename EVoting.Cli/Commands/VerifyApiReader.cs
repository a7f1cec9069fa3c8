using System.Text.Json;
using EVoting.Ballots.Audit;

namespace EVoting.Cli.Commands;

/// <summary>Reads the tallies the API published (GET /api/elections, /api/elections/{id}/results).</summary>
public sealed class VerifyApiReader(HttpClient http, Uri apiBase)
{
    public async Task<IReadOnlyList<PublishedTally>> ReadTalliesAsync(CancellationToken ct)
    {
        using var list = JsonDocument.Parse(await http.GetStringAsync(new Uri(apiBase, "api/elections"), ct));
        var tallies = new List<PublishedTally>();
        foreach (var election in list.RootElement.EnumerateArray())
        {
            if (election.GetProperty("status").GetString() != "tallied")
                continue;
            var id = election.GetProperty("id").GetUInt64();
            using var results = JsonDocument.Parse(await http.GetStringAsync(new Uri(apiBase, $"api/elections/{id}/results"), ct));
            tallies.Add(Parse(id, results.RootElement));
        }
        return tallies;
    }

    public static PublishedTally Parse(ulong electionId, JsonElement r) => new(
        electionId,
        r.GetProperty("total_ballots").GetInt64(),
        r.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("count").GetInt64()).ToArray(),
        r.GetProperty("aggregate").EnumerateArray().Select(a => (a.GetProperty("alpha").GetString()!, a.GetProperty("beta").GetString()!)).ToArray(),
        r.GetProperty("decryption").EnumerateArray().Select(d => (d.GetProperty("D").GetString()!, d.GetProperty("c").GetString()!, d.GetProperty("v").GetString()!)).ToArray());
}
