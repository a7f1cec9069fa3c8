using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EVoting.Cli.Load;

/// <summary>The few EVoting API calls the load generator makes (contract: docs/api.md#endpoints-the-contract).</summary>
public sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public sealed record Response(HttpStatusCode Status, JsonNode? Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;

        /// <summary>The problem details' title/detail, or the status, for error reports.</summary>
        public string Describe() =>
            Body?["detail"]?.GetValue<string>() ?? Body?["title"]?.GetValue<string>() ?? $"HTTP {(int)Status}";
    }

    public async Task<Response> SendAsync(HttpMethod method, string path, object? body, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? node = null;
        if (text.Length > 0)
        {
            try { node = JsonNode.Parse(text); }
            catch (JsonException) { node = JsonValue.Create(text); }
        }
        return new Response(response.StatusCode, node);
    }

    public async Task<string> LoginAsync(string email, string password, CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password }, null, ct);
        if (!r.Ok) throw new LoadException($"login as {email} failed: {r.Describe()}");
        return r.Body!["access_token"]!.GetValue<string>();
    }

    public async Task RegisterAsync(string email, string password, string fullName, CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password, full_name = fullName }, null, ct);
        if (!r.Ok) throw new LoadException($"registering {email} failed: {r.Describe()}");
    }
}

public sealed class LoadException(string message) : Exception(message);
