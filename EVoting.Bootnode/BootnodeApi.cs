using System.Text.Json;
using EVoting.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EVoting.Bootnode;

/// <summary>The bootnode's HTTP API (docs/validator.md#bootnode-api): register, discover, list.</summary>
public static class BootnodeApi
{
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapBootnodeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/register_peer", RegisterAsync);
        app.MapGet("/discover", (string? node_id, PeerRegistry registry) =>
            TypedResults.Ok(new { peers = registry.Except(node_id).Select(p => p.ToJson()) }));
        app.MapGet("/peers", (PeerRegistry registry) =>
        {
            var all = registry.All();
            return TypedResults.Ok(new { peers = all.Select(p => p.ToJson()), count = all.Count });
        });
        return app;
    }

    /// <summary>
    /// Stores the registration only when it is well formed, fresh, and signed by the key of the address
    /// it names (and, with a genesis configured, that address is a validator); otherwise 400 / 401 / 403.
    /// </summary>
    private static async Task<Results<Ok<object>, ProblemHttpResult>> RegisterAsync(HttpRequest request, PeerRegistry registry, BootnodeGenesis allowed, TimeProvider clock)
    {
        if (request.ContentLength > MaxBodyBytes)
            return Problem(400, "registration body too large");
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return Problem(400, "body is not JSON");
        }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
                return Problem(400, "body must be a JSON object");
            var nodeId = Str(o, "node_id");
            var host = Str(o, "host") ?? Str(o, "ip");
            var p2p = Int(o, "p2p_port");
            var rpc = Int(o, "rpc_port");
            var timestamp = o.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ts) ? ts : (long?)null;
            if (string.IsNullOrWhiteSpace(nodeId) || nodeId.Length > 64 || string.IsNullOrWhiteSpace(host) || host.Length > 255
                || p2p is not (> 0 and <= 65535) || rpc is not (>= 0 and <= 65535) || timestamp is null)
                return Problem(400, "node_id, host, p2p_port, rpc_port and timestamp are required");
            if (!Address.TryParse(Str(o, "address"), out var address))
                return Problem(400, "address must be a 0x address");
            if (Str(o, "signature") is not { } sigText)
                return Problem(401, "registration is not signed");
            if (!Signature.TryParse(sigText, out var signature))
                return Problem(400, "signature must be 65 bytes of 0x hex");
            var now = clock.GetUtcNow();
            if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > PeerRegistration.MaxClockSkew.TotalSeconds)
                return Problem(401, "registration timestamp is too far from the bootnode's clock");
            var digest = new PeerRegistration(nodeId, host, p2p.Value, rpc.Value, address, timestamp.Value).Digest();
            if (Signature.RecoverSigner(digest, signature) != address)
                return Problem(401, "signature does not recover to the registered address");
            if (allowed.Genesis is { } genesis && !genesis.IsValidator(address))
                return Problem(403, "address is not a validator of this network");
            if (registry.TryUpsert(new PeerEntry(nodeId, host, p2p.Value, rpc.Value, address.ToString(), now)) is { } holder)
                return Problem(409, $"node_id '{nodeId}' is registered by {holder.Address}; choose another node_id or wait until that entry goes stale");
            return TypedResults.Ok<object>(new { registered = true, peers = registry.Except(nodeId).Select(p => p.ToJson()) });
        }
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
