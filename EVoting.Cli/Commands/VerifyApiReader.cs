using System.Text.Json.Nodes;

namespace EVoting.Cli.Commands;

/// <summary>Reads what the API publishes: every election (GET /api/elections) and the results of the tallied ones (/api/elections/{id}/results).</summary>
public sealed class VerifyApiReader(HttpClient http, Uri apiBase)
{
    public async Task<JsonArray> ReadElectionsAsync(CancellationToken ct) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(apiBase, "api/elections"), ct))?.AsArray()
            ?? throw new InvalidDataException("GET /api/elections did not return an array");

    public async Task<IReadOnlyList<(ulong ElectionId, JsonObject Results)>> ReadTalliesAsync(JsonArray elections, CancellationToken ct)
    {
        var tallies = new List<(ulong, JsonObject)>();
        foreach (var election in elections)
        {
            if (election?["status"]?.GetValue<string>() != "tallied")
                continue;
            var id = election["id"]!.GetValue<ulong>();
            var results = JsonNode.Parse(await http.GetStringAsync(new Uri(apiBase, $"api/elections/{id}/results"), ct))?.AsObject()
                ?? throw new InvalidDataException($"results of election {id} are not an object");
            tallies.Add((id, results));
        }
        return tallies;
    }
}
