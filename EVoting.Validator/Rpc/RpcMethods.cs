using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.Node;

namespace EVoting.Validator.Rpc;

/// <summary>
/// The JSON-RPC methods (docs/validator.md#methods): an Ethereum subset plus poa_* methods.
/// Reads take the node's lock; eth_sendTransaction runs admission on the node's event loop.
/// </summary>
public sealed class RpcMethods(ValidatorNode node)
{
    public const int MaxRangeBlocks = 100;
    public const string ClientVersion = "EVoting.Validator/1.0.0/dotnet10";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>
    {
        "eth_sendTransaction", "eth_getTransactionReceipt", "eth_blockNumber", "eth_getBlockByNumber", "eth_getBlockByHash",
        "eth_getTransactionByHash", "eth_chainId", "net_version", "net_peerCount", "eth_syncing", "web3_clientVersion",
        "poa_status", "poa_getValidators", "poa_getMerkleProof", "poa_getBlocksRange", "poa_getEvidence",
    };

    /// <summary>Evidence rows one poa_getEvidence call returns at most (newest first).</summary>
    public const int MaxEvidencePerCall = 1000;

    public async Task<JsonNode?> InvokeAsync(string method, JsonElement? @params)
    {
        // An unknown method is -32601 whatever its params, as the specification's examples answer.
        if (!Names.Contains(method))
            throw new RpcException(RpcErrorCodes.MethodNotFound, $"method '{method}' not found");
        var args = Params(@params);
        switch (method)
        {
            case "eth_sendTransaction":
                return await SendTransactionAsync(args);
            case "eth_chainId":
                return Quantity.Hex(node.Genesis.ChainId);
            case "net_version":
                return node.Genesis.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "web3_clientVersion":
                return ClientVersion;
            case "net_peerCount":
                return Quantity.Hex((ulong)node.Peers.PeerCount);
            case "poa_getEvidence":
                // From the store, not under the node's lock: reading evidence never holds up consensus.
                return new JsonArray(node.Core.LoadEvidence(MaxEvidencePerCall).Select(e => (JsonNode?)new JsonObject
                {
                    ["validator"] = e.Validator.ToString(),
                    ["height"] = Quantity.Hex(e.Height),
                    ["round"] = e.Round,
                    ["step"] = e.Step,
                    ["first_value"] = e.FirstValue,
                    ["second_value"] = e.SecondValue,
                    ["first_signature"] = e.FirstSignature,
                    ["second_signature"] = e.SecondSignature,
                    ["recorded_ms"] = e.RecordedMs,
                }).ToArray());
        }
        lock (node.Sync)
        {
            return method switch
            {
                "eth_blockNumber" => Quantity.Hex(node.State.Height),
                "eth_syncing" => Syncing(),
                "eth_getBlockByNumber" => BlockByNumber(args),
                "eth_getBlockByHash" => node.Core.BlockByHash(Quantity.ParseHash(Arg(args, 0, "block hash"), "block hash")) is { } b ? EthFormat.Block(b, FullFlag(args)) : null,
                "eth_getTransactionByHash" => TransactionByHash(Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash")),
                "eth_getTransactionReceipt" => Receipt(Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash")),
                "poa_status" => Status(),
                "poa_getValidators" => Validators(),
                "poa_getMerkleProof" => MerkleProof(Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash")),
                "poa_getBlocksRange" => BlocksRange(args),
                _ => throw new RpcException(RpcErrorCodes.MethodNotFound, $"method '{method}' not found"),
            };
        }
    }

    private async Task<JsonNode?> SendTransactionAsync(JsonElement[] args)
    {
        var obj = Arg(args, 0, "transaction object");
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String)
            throw RpcException.Params("params must be [{\"data\": \"0x<hex of the transaction JSON>\"}]");
        Transaction tx;
        try
        {
            tx = TransactionJson.ParseData(data.GetString()!);
        }
        catch (FormatException e)
        {
            throw RpcException.Params("invalid transaction: " + e.Message);
        }
        var rejection = await node.SubmitAsync(tx);
        if (rejection is not null && rejection.Code != RpcRejection.AlreadyKnown)
            throw new RpcException(rejection.Code, rejection.Message);
        return tx.Hash.ToString();
    }

    private JsonNode Syncing()
    {
        if (!node.IsSyncing)
            return false;
        return new JsonObject
        {
            ["startingBlock"] = "0x0",
            ["currentBlock"] = Quantity.Hex(node.State.Height),
            ["highestBlock"] = Quantity.Hex(node.BestPeerHeight),
        };
    }

    private JsonNode? BlockByNumber(JsonElement[] args)
    {
        var tag = Arg(args, 0, "block number");
        ulong height;
        if (tag.ValueKind == JsonValueKind.String && tag.GetString() is "latest" or "finalized" or "safe" or "pending")
            height = node.State.Height; // every stored block is final: latest = finalized = safe
        else if (tag.ValueKind == JsonValueKind.String && tag.GetString() == "earliest")
            height = 0;
        else
            height = Quantity.Parse(tag, "block number");
        return node.Core.BlockAt(height) is { } block ? EthFormat.Block(block, FullFlag(args)) : null;
    }

    private JsonNode? TransactionByHash(Hash32 hash)
    {
        if (node.State.TryGetLocation(hash, out var at))
        {
            var block = node.Core.BlockAt(at.BlockNumber)!;
            return EthFormat.Transaction(block.Transactions[at.Index], block, at.Index);
        }
        return node.Mempool.TryGet(hash, out var entry) ? EthFormat.Transaction(entry.Transaction, null, 0) : null;
    }

    private JsonNode? Receipt(Hash32 hash)
    {
        if (!node.State.TryGetLocation(hash, out var at))
            return null;
        var block = node.Core.BlockAt(at.BlockNumber)!;
        return EthFormat.Receipt(block.Transactions[at.Index], block, at.Index);
    }

    private JsonNode? MerkleProof(Hash32 hash)
    {
        if (!node.State.TryGetLocation(hash, out var at))
            return null;
        var block = node.Core.BlockAt(at.BlockNumber)!;
        return EthFormat.MerkleProof(block.Transactions[at.Index], block, at.Index);
    }

    private JsonNode BlocksRange(JsonElement[] args)
    {
        var from = Quantity.Parse(Arg(args, 0, "from"), "from");
        var count = Quantity.Parse(Arg(args, 1, "count"), "count");
        if (count is 0 or > MaxRangeBlocks)
            throw RpcException.Params($"count must be between 1 and {MaxRangeBlocks}");
        var to = from > ulong.MaxValue - count ? ulong.MaxValue : from + count - 1;
        return new JsonArray(node.Core.BlocksBetween(from, to).Select(b => (JsonNode?)EthFormat.Block(b, fullTransactions: true)).ToArray());
    }

    private JsonNode Status()
    {
        var engine = node.Engine;
        return new JsonObject
        {
            ["node_id"] = node.NodeId,
            ["address"] = node.Address.ToString(),
            ["validator_index"] = node.SelfIndex,
            ["chain_id"] = node.Genesis.ChainId,
            ["genesis_hash"] = node.Genesis.Hash.ToString(),
            ["height"] = node.State.Height + 1,
            ["finalized_height"] = node.State.Height,
            ["head_hash"] = node.State.HeadHash.ToString(),
            ["head_timestamp_ms"] = node.State.Head.TimestampMs,
            ["round"] = engine?.Round,
            ["step"] = engine?.Step.ToString().ToLowerInvariant(),
            ["abstaining"] = engine?.IsAbstaining,
            ["syncing"] = node.IsSyncing,
            ["best_peer_height"] = node.BestPeerHeight,
            ["mempool_size"] = node.Mempool.Count,
            ["mempool_bytes"] = node.Mempool.Bytes,
            ["ballot_proof_checks"] = node.BallotProofChecks,
            ["event_loop_lag_ms_max"] = Math.Round(node.LoopLag.MaxMs, 1),
            ["transactions"] = node.State.TransactionCount,
            ["peers"] = new JsonArray(node.Peers.Peers.Where(p => p.Hello is not null).Select(p => (JsonNode?)new JsonObject
            {
                ["node_id"] = p.Hello!.NodeId,
                ["address"] = p.Hello.Address.ToString(),
                ["host"] = p.Hello.Host,
                ["p2p_port"] = p.Hello.P2PPort,
                ["rpc_port"] = p.Hello.RpcPort,
                ["outbound"] = p.Outbound,
            }).ToArray()),
            ["equivocations"] = new JsonArray(node.Core.Equivocations.Select(e => (JsonNode?)new JsonObject
            {
                ["validator"] = node.Genesis.Validators[e.Validator].ToString(),
                ["height"] = e.Height,
                ["round"] = e.Round,
                ["step"] = e.Step.ToString().ToLowerInvariant(),
                ["first"] = e.FirstValueId,
                ["second"] = e.SecondValueId,
            }).ToArray()),
        };
    }

    private JsonNode Validators() => new JsonObject
    {
        ["quorum"] = node.Genesis.Quorum,
        ["validators"] = new JsonArray(node.Genesis.Validators.Select((a, i) => (JsonNode?)new JsonObject
        {
            ["index"] = i,
            ["address"] = a.ToString(),
            ["self"] = i == node.SelfIndex,
        }).ToArray()),
    };

    private static JsonElement[] Params(JsonElement? @params)
    {
        if (@params is not { } p || p.ValueKind == JsonValueKind.Null)
            return [];
        if (p.ValueKind != JsonValueKind.Array)
            throw RpcException.Params("params must be an array");
        return p.EnumerateArray().ToArray();
    }

    private static JsonElement Arg(JsonElement[] args, int index, string what) =>
        index < args.Length ? args[index] : throw RpcException.Params($"missing parameter {index}: {what}");

    private static bool FullFlag(JsonElement[] args)
    {
        if (args.Length < 2)
            return false;
        return args[1].ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw RpcException.Params("the second parameter must be a boolean (full transactions)"),
        };
    }
}
