using EVoting.Chain;

namespace EVoting.Validator.Configuration;

/// <summary>
/// A validator's configuration, parsed from its <see cref="NodeSettings"/> (docs/validator.md lists
/// them). Anything missing or malformed fails start-up with a message naming the variable.
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

    /// <summary>The node's options from its settings; throws InvalidOperationException naming the variable that is missing or malformed.</summary>
    public static NodeOptions From(NodeSettings c)
    {
        var key = c.PrivateKey is { Length: > 0 } pk ? Try(() => EthKey.FromHex(pk), "PRIVATE_KEY must be 32 bytes of hex") : throw Missing("PRIVATE_KEY");
        var genesis = GenesisSource.TryLoad(c.GenesisJson, c.GenesisPath, out var genesisError)
            ?? throw new InvalidOperationException(genesisError ?? $"{GenesisSource.PathKey} or {GenesisSource.JsonKey} is required");
        var nodeId = c.NodeId is { Length: > 0 } id ? id : "validator-" + key.Address.ToString()[2..10].ToLowerInvariant();
        var bootnode = c.BootnodeUrl is { Length: > 0 } b ? b : c.DiscoveredBootnodeUrl;
        return new NodeOptions
        {
            NodeId = nodeId,
            Key = key,
            Genesis = genesis,
            DataDirectory = c.DataDirectory is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "data", nodeId),
            RpcPort = Port(c.RpcPort, "RPC_PORT", DefaultRpcPort),
            P2PPort = Port(c.P2PPort, "P2P_PORT", 30303),
            P2PHost = c.P2PHost is { Length: > 0 } h ? h : "0.0.0.0",
            AdvertiseHost = c.AdvertiseHost is { Length: > 0 } a ? a : "127.0.0.1",
            BootnodeUrl = bootnode is { Length: > 0 } ? Try(() => new Uri(bootnode), "BOOTNODE_URL must be an absolute URL") : null,
            StaticPeers = ParsePeers(c.StaticPeers),
        };
    }

    public const int DefaultRpcPort = 8001;

    /// <summary>The port in <paramref name="text"/>, <paramref name="fallback"/> when empty.</summary>
    public static int Port(string? text, string name, int fallback)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        return int.TryParse(text, out var port) && port is >= 0 and <= 65535 ? port : throw new InvalidOperationException($"{name} must be a port number (is '{text}')");
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
