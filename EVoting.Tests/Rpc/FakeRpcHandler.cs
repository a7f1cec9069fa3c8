using System.Net;
using System.Text;
using System.Text.Json;

namespace EVoting.Tests.Rpc;

/// <summary>
/// Validators inside the test process: each request goes to <paramref name="answer"/> with the
/// host it was sent to, the method and the params, which writes the HTTP response (a JSON-RPC body,
/// an error page, a hang, a refused connection).
/// </summary>
internal sealed class FakeRpcHandler(Func<string, string, JsonElement, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct));
        var root = doc.RootElement;
        return await answer(request.RequestUri!.Host, root.GetProperty("method").GetString()!, root.GetProperty("params").Clone(), ct);
    }

    public static HttpResponseMessage Result(string resultJson) => Json($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{resultJson}}}");

    public static HttpResponseMessage Error(int code, string message, HttpStatusCode status = HttpStatusCode.OK) =>
        Json(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, error = new { code, message } }), status);

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A factory whose every client sends to these validators.</summary>
    public IHttpClientFactory Factory() => new SingleHandlerFactory(this);

    private sealed class SingleHandlerFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
