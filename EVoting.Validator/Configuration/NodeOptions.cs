using EVoting.Chain;

namespace EVoting.Validator.Configuration;

/// <summary>
/// A validator's configuration, from the seed's environment variables plus the genesis and the data
/// directory (docs/validator.md lists them). Anything missing or malformed fails start-up with a
/// message naming the variable.
/// </summary>
public sealed record NodeOptions
{
    public required string NodeId { get; init; }
    public required EthKey Key { get; init; }
    public required Genesis Genesis { get; init; }
    public required string DataDirectory { get; init; }
    public required int RpcPort { get; init; }
    public required int P2PPort { get; init; }
    public required string P2PHost { get; init; }
    public required string AdvertiseHost { get; init; }
    public Uri? BootnodeUrl { get; init; }

    /// <summary>Extra peers to dial ("host:port,host:port"), for networks without a bootnode.</summary>
    public IReadOnlyList<(string Host, int Port)> StaticPeers { get; init; } = [];

    public static NodeOptions FromConfiguration(IConfiguration c)
    {
        var key = c["PRIVATE_KEY"] is { Length: > 0 } pk ? Try(() => EthKey.FromHex(pk), "PRIVATE_KEY must be 32 bytes of hex") : throw Missing("PRIVATE_KEY");
        Genesis genesis;
        if (c["GENESIS_JSON"] is { Length: > 0 } json)
            genesis = Try(() => Genesis.Load(json), "GENESIS_JSON is not a valid genesis");
        else if (c["GENESIS_PATH"] is { Length: > 0 } path)
            genesis = Try(() => Genesis.LoadFile(path), $"GENESIS_PATH ({path}) is not a readable, valid genesis");
        else
            throw Missing("GENESIS_PATH or GENESIS_JSON");
        var nodeId = c["NODE_ID"] is { Length: > 0 } id ? id : "validator-" + key.Address.ToString()[2..10].ToLowerInvariant();
        var bootnode = c["BOOTNODE_URL"] is { Length: > 0 } b ? b : c["services:bootnode:http:0"];
        return new NodeOptions
        {
            NodeId = nodeId,
            Key = key,
            Genesis = genesis,
            DataDirectory = c["DATA_DIR"] is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "data", nodeId),
            RpcPort = Port(c, "RPC_PORT", 8001),
            P2PPort = Port(c, "P2P_PORT", 30303),
            P2PHost = c["P2P_HOST"] is { Length: > 0 } h ? h : "0.0.0.0",
            AdvertiseHost = c["P2P_ADVERTISE_HOST"] is { Length: > 0 } a ? a : "127.0.0.1",
            BootnodeUrl = bootnode is { Length: > 0 } ? Try(() => new Uri(bootnode), "BOOTNODE_URL must be an absolute URL") : null,
            StaticPeers = ParsePeers(c["STATIC_PEERS"]),
        };
    }

    private static int Port(IConfiguration c, string name, int fallback)
    {
        var text = c[name];
        if (string.IsNullOrEmpty(text))
            return fallback;
        return int.TryParse(text, out var port) && port is >= 0 and <= 65535 ? port : throw new InvalidOperationException($"{name} must be a port number");
    }

    private static List<(string, int)> ParsePeers(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p =>
            {
                var i = p.LastIndexOf(':');
                return i > 0 && int.TryParse(p[(i + 1)..], out var port) ? (p[..i], port) : throw new InvalidOperationException($"STATIC_PEERS entry '{p}' must be host:port");
            }).ToList();

    private static InvalidOperationException Missing(string name) => new($"{name} is required");

    private static T Try<T>(Func<T> f, string message)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"{message}: {e.Message}", e);
        }
    }
}
