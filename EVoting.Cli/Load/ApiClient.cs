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
        return await ReadAsync(response, ct);
    }

    /// <summary>A response's status and JSON body (a non-JSON body as a string value).</summary>
    public static async Task<Response> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
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

    public async Task RegisterAsync(string email, string password, string fullName, string? enrolmentCode, CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password, full_name = fullName, enrolment_code = enrolmentCode }, null, ct);
        if (!r.Ok) throw new LoadException($"registering {email} failed: {r.Describe()}");
    }

    /// <summary>Uploads <paramref name="identifiers"/> as the election's roll and returns its codes (identifier → code).</summary>
    public async Task<Dictionary<string, string>> EnrolmentCodesAsync(long electionId, IEnumerable<string> identifiers, string adminToken, CancellationToken ct)
    {
        using (var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{electionId}/roll"))
        {
            upload.Content = new StringContent(string.Join('\n', identifiers), System.Text.Encoding.UTF8, "text/csv");
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var stored = await http.SendAsync(upload, ct);
            if (await ReadAsync(stored, ct) is { Ok: false } refused)
                throw new LoadException($"uploading the roll of election {electionId} failed: {refused.Describe()}");
        }
        var codes = await SendAsync(HttpMethod.Get, $"/api/elections/{electionId}/roll/codes", null, adminToken, ct);
        if (!codes.Ok) throw new LoadException($"downloading the codes of election {electionId} failed: {codes.Describe()}");
        return codes.Body!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).ToDictionary(p => p[0], p => p[1]);
    }
}

public sealed class LoadException(string message) : Exception(message);
