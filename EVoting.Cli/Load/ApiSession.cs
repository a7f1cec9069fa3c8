using System.Net;
using System.Text.Json.Nodes;

namespace EVoting.Cli.Load;

/// <summary>
/// A logged-in user of the load run (the admin or a voter). A long run outlives the tokens it
/// started with (Auth:TokenLifetimeMinutes, 60 by default: a 100,000-vote run lost its report to
/// an expired admin token), so a request the API refuses with 401 logs in again and is resent
/// once. Resending is safe: vote submission is idempotent and the admin's calls are too.
/// </summary>
public sealed class ApiSession(ApiClient api, string email, string password, string token)
{
    /// <summary>The current token; replaced when the API stops accepting it.</summary>
    public string Token { get; private set; } = token;

    /// <summary>How many times this session logged in again after a 401.</summary>
    public int Renewals => _renewals;

    private int _renewals;

    public static async Task<ApiSession> LoginAsync(ApiClient api, string email, string password, CancellationToken ct) =>
        new(api, email, password, await api.LoginAsync(email, password, ct));

    public async Task<ApiClient.Response> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var sentWith = Token;
        var r = await api.SendAsync(method, path, body, sentWith, ct);
        if (r.Status != HttpStatusCode.Unauthorized)
            return r;
        // Another request of this session may have renewed the token meanwhile; log in only if not.
        if (Token == sentWith)
        {
            Token = await api.LoginAsync(email, password, ct);
            Interlocked.Increment(ref _renewals);
        }
        return await api.SendAsync(method, path, body, Token, ct);
    }

    public async Task<JsonNode> RequireAsync(HttpMethod method, string path, object? body, string what, CancellationToken ct)
    {
        var r = await SendAsync(method, path, body, ct);
        if (!r.Ok) throw new LoadException($"{what} failed: {r.Describe()}");
        return r.Body ?? new JsonObject();
    }
}
