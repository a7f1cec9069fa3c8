using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Tests.Hosting;

namespace EVoting.Tests.Api;

/// <summary>
/// The AppHost's model started once per test class through Aspire.Hosting.Testing (<see cref="TestSystem"/>:
/// real MariaDB, the API as a real process, and real validators where the subclass keeps them), with
/// helpers that speak to the API the way the frontend does.
/// </summary>
public abstract class ApiSystem : IAsyncLifetime
{
    private TestSystem? _app;
    private string? _adminToken;
    private int _users;

    protected abstract TestSystemOptions CreateOptions();

    public TestSystem App => _app ?? throw new InvalidOperationException("not started");

    public HttpClient Api { get; private set; } = null!;

    public IEnumerable<string> Log => App.Log;

    public async ValueTask InitializeAsync()
    {
        _app = await TestSystem.StartAsync(CreateOptions(), TestContext.Current.CancellationToken);
        Api = _app.CreateHttpClient("api");
        Api.Timeout = TimeSpan.FromSeconds(60);
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public string AdminEmail => "admin@evoting.local";
    public string AdminPassword => App.GetParameterValue("admin-password");

    public async Task<string> AdminTokenAsync() => _adminToken ??= await LoginAsync(AdminEmail, AdminPassword);

    public async Task<string> LoginAsync(string email, string password)
    {
        var response = await Api.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {email}: {(int)response.StatusCode} {body}");
        return body!["access_token"]!.GetValue<string>();
    }

    /// <summary>A fresh voter account and its token.</summary>
    public async Task<string> NewVoterAsync()
    {
        var email = $"voter{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@example.org";
        var response = await Api.PostAsJsonAsync("/api/auth/register", new { email, password = "Passw0rd!", full_name = "Test Voter" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await LoginAsync(email, "Passw0rd!");
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = body is HttpContent content ? content : JsonContent.Create(body);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Api.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token: token);

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>
    /// Creates an election (admin) and returns its JSON. Open to every account unless
    /// <paramref name="eligibility"/> is "roll" (then voters need a code from its roll: <see cref="UploadRollAsync"/>).
    /// </summary>
    public async Task<JsonNode> CreateElectionAsync(int candidates = 3, int maxSelections = 1, string title = "Test election", string eligibility = "open")
    {
        var response = await SendAsync(HttpMethod.Post, "/api/elections", new
        {
            title,
            description = "integration test",
            candidates = Enumerable.Range(1, candidates).Select(i => new { name = $"Candidate {i}", description = "" }).ToArray(),
            max_selections = maxSelections,
            eligibility,
        }, await AdminTokenAsync());
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {(int)response.StatusCode} {body}");
        return body!;
    }

    /// <summary>Uploads a roll (admin), one identifier per line, and returns the answer's JSON.</summary>
    public async Task<JsonNode> UploadRollAsync(int id, IEnumerable<string> identifiers)
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/elections/{id}/roll",
            new StringContent(string.Join('\n', identifiers), System.Text.Encoding.UTF8, "text/csv"), await AdminTokenAsync());
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"roll upload: {(int)response.StatusCode} {body}");
        return body!;
    }

    /// <summary>Downloads the election's enrolment codes (admin): identifier → code.</summary>
    public async Task<Dictionary<string, string>> RollCodesAsync(int id)
    {
        var response = await GetAsync($"/api/elections/{id}/roll/codes", await AdminTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"roll codes: {(int)response.StatusCode} {text}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("identifier,code", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>Registers a fresh account, with an enrolment code when given; the response as it came.</summary>
    public Task<HttpResponseMessage> RegisterAsync(string email, string? enrolmentCode = null) =>
        SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password = "Passw0rd!", full_name = "Test Voter", enrolment_code = enrolmentCode });

    public async Task<JsonNode> OpenElectionAsync(int id)
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/elections/{id}/open", token: await AdminTokenAsync());
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"open: {(int)response.StatusCode} {body}");
        return body!;
    }

    /// <summary>What EVoting.Ballots (and the browser) encrypt against: id, K, k, L from the API's election JSON.</summary>
    public static Election BallotElection(JsonNode election) => Election.FromHex(
        election["id"]!.GetValue<ulong>(), election["public_key"]!.GetValue<string>(),
        election["candidates"]!.AsArray().Count, election["max_selections"]!.GetValue<int>());

    /// <summary>A real encrypted one-hot ballot with proofs for <paramref name="choice"/> (1-based; 0 abstains).</summary>
    public static JsonNode Ballot(JsonNode election, int choice) =>
        JsonNode.Parse(BallotJson.Serialize(BallotEncryptor.EncryptChoice(BallotElection(election), choice)))!;

    public async Task<HttpResponseMessage> SubmitAsync(string token, int electionId, JsonNode ballot) =>
        await SendAsync(HttpMethod.Post, "/api/votes/submit", new JsonObject { ["election_id"] = electionId, ["ballot"] = ballot.DeepClone() }, token);

    /// <summary>Polls the public receipt until it reaches <paramref name="status"/>.</summary>
    public async Task<JsonNode> WaitForReceiptAsync(string txHash, string status = "final", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await GetAsync($"/api/votes/receipt/{txHash}");
            last = await ReadAsync(response);
            if (response.IsSuccessStatusCode && last?["status"]?.GetValue<string>() == status)
                return last;
            await Task.Delay(250);
        }
        throw new TimeoutException($"receipt {txHash} did not reach {status}; last: {last}");
    }

    /// <summary>Closes the election and polls the tally until the close transaction is final and the tally is stored.</summary>
    public async Task<JsonNode> CloseAndTallyAsync(int id, TimeSpan? timeout = null)
    {
        var admin = await AdminTokenAsync();
        var close = await SendAsync(HttpMethod.Post, $"/api/elections/{id}/close", token: admin);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin);
            last = await ReadAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
                return last!;
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            await Task.Delay(300);
        }
        throw new TimeoutException($"election {id} was not tallied; last: {last}");
    }
}

/// <summary>
/// MariaDB and the API of the AppHost's model, without bootnode, validators and frontend: for everything
/// that needs no chain (auth, validation, bad input). Whatever needs the chain answers 503.
/// </summary>
public sealed class ApiOnlySystem : ApiSystem
{
    protected override TestSystemOptions CreateOptions() => new()
    {
        Without = ["frontend", "bootnode", "validator"],
        Environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["api"] = new Dictionary<string, string> { ["Chain__OpenTimeoutSeconds"] = "2", ["Auth__MaxFailedLogins"] = "3" },
        },
    };
}

/// <summary>The AppHost's whole graph without the frontend: MariaDB, bootnode, three validators, the API.</summary>
public class FullSystem : ApiSystem
{
    protected override TestSystemOptions CreateOptions() => new() { BlockPeriodMs = 300 };

    public string GenesisPath => App.GenesisPath;

    public Genesis Genesis => App.Genesis;

    public Uri RpcUrl(string validator) => new(App.GetEndpoint(validator, "rpc"), "rpc");

    /// <summary>The chain's blocks as a validator serves them over JSON-RPC.</summary>
    public async Task<IReadOnlyList<Block>> ReadChainAsync(string validator = "validator-1")
    {
        using var http = new HttpClient();
        var rpc = new EVoting.Rpc.JsonRpcClient(http, RpcUrl(validator));
        var height = await rpc.BlockNumberAsync(TestContext.Current.CancellationToken);
        var blocks = new List<Block>();
        for (ulong n = 0; n <= height; n++)
            blocks.Add((await rpc.GetBlockAsync(n, TestContext.Current.CancellationToken))!);
        return blocks;
    }
}

/// <summary>A second, separate system for the fault tests (they stop validators and kill the API).</summary>
public sealed class FaultSystem : FullSystem;

/// <summary>The chain-backed test classes run one after the other: two systems at once are too much for two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ChainSystems
{
    public const string Name = "API with validators";
}
