using System.Text.Json.Nodes;

namespace EVoting.Cli.Commands;

/// <summary>Reads the results the API published for every tallied election (GET /api/elections, /api/elections/{id}/results).</summary>
public sealed class VerifyApiReader(HttpClient http, Uri apiBase)
{
    public async Task<IReadOnlyList<(ulong ElectionId, JsonObject Results)>> ReadTalliesAsync(CancellationToken ct)
    {
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri(apiBase, "api/elections"), ct))?.AsArray()
            ?? throw new InvalidDataException("GET /api/elections did not return an array");
        var tallies = new List<(ulong, JsonObject)>();
        foreach (var election in list)
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
