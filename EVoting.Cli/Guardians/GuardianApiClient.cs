using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace EVoting.Cli.Guardians;

/// <summary>
/// What `evoting guardian` says to the API's ceremony relay (docs/trustees.md "Guardians in the product"): public reads,
/// and posts carrying the guardian's invitation token. A refusal becomes a <see cref="GuardianException"/> with the
/// API's problem detail.
/// </summary>
public sealed class GuardianApiClient(HttpClient http, Uri api, int electionId, string token)
{
    public const string TokenHeader = "X-Guardian-Token";

    public Task<JsonObject> ElectionAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, $"api/elections/{electionId}", null, ct);

    public Task<JsonObject> CeremonyAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, $"api/elections/{electionId}/ceremony", null, ct);

    public Task<JsonObject> MeAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, $"api/elections/{electionId}/ceremony/me", null, ct);

    public Task<JsonObject> AggregatesAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, $"api/elections/{electionId}/aggregates", null, ct);

    public Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/elections/{electionId}/{path}", body, ct);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(api, path));
        request.Headers.Add(TokenHeader, token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? json;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }
        if (!response.IsSuccessStatusCode)
            throw new GuardianException($"{method} {path}: {(int)response.StatusCode} {json?["detail"]?.GetValue<string>() ?? json?["title"]?.GetValue<string>() ?? text}");
        return json as JsonObject ?? throw new GuardianException($"{method} {path}: the answer is not a JSON object");
    }
}

/// <summary>Why a guardian step stopped, in words for the guardian (exit code 1).</summary>
public sealed class GuardianException(string message) : Exception(message);
