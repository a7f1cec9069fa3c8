using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.Node;

namespace EVoting.Validator.Rpc;

/// <summary>
/// The JSON-RPC methods (docs/validator.md#methods): an Ethereum subset plus poa_* methods.
/// Reads come from the node's published snapshot and its store, never the event loop's lock (docs/validator.md#rpc-reads);
/// eth_sendTransaction runs admission on the event loop.
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

    /// <param name="budget">Full blocks the request body may still return (one per body, shared by a batch's members); a fresh one when null.</param>
    public async Task<JsonNode?> InvokeAsync(string method, JsonElement? @params, FullBlockBudget? budget = null)
    {
        budget ??= new FullBlockBudget();
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
                // From the store: reading evidence never holds up consensus.
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
        var snapshot = node.Snapshot;
        return method switch
        {
            "eth_blockNumber" => Quantity.Hex(snapshot.Height),
            "eth_syncing" => Syncing(snapshot),
            "eth_getBlockByNumber" => BlockByNumber(snapshot, args, budget),
            "eth_getBlockByHash" => BlockByHash(snapshot, args, budget),
            "eth_getTransactionByHash" => await TransactionByHashAsync(snapshot, Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash")),
            "eth_getTransactionReceipt" => Final(snapshot, Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash"), EthFormat.Receipt),
            "poa_status" => Status(snapshot),
            "poa_getValidators" => Validators(),
            "poa_getMerkleProof" => Final(snapshot, Quantity.ParseHash(Arg(args, 0, "transaction hash"), "transaction hash"), EthFormat.MerkleProof),
            "poa_getBlocksRange" => BlocksRange(snapshot, args, budget),
            _ => throw new RpcException(RpcErrorCodes.MethodNotFound, $"method '{method}' not found"),
        };
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

    private static JsonNode Syncing(NodeSnapshot snapshot)
    {
        if (!snapshot.Syncing)
            return false;
        return new JsonObject
        {
            ["startingBlock"] = "0x0",
            ["currentBlock"] = Quantity.Hex(snapshot.Height),
            ["highestBlock"] = Quantity.Hex(snapshot.BestPeerHeight),
        };
    }

    private JsonNode? BlockByHash(NodeSnapshot snapshot, JsonElement[] args, FullBlockBudget budget)
    {
        var hash = Quantity.ParseHash(Arg(args, 0, "block hash"), "block hash");
        var full = Full(args, budget);
        return node.Blocks.ByHash(snapshot, hash) is { } block ? EthFormat.Block(block, full) : null;
    }

    private JsonNode? BlockByNumber(NodeSnapshot snapshot, JsonElement[] args, FullBlockBudget budget)
    {
        var tag = Arg(args, 0, "block number");
        ulong height;
        if (tag.ValueKind == JsonValueKind.String && tag.GetString() is "latest" or "finalized" or "safe" or "pending")
            height = snapshot.Height; // every stored block is final: latest = finalized = safe
        else if (tag.ValueKind == JsonValueKind.String && tag.GetString() == "earliest")
            height = 0;
        else
            height = Quantity.Parse(tag, "block number");
        var full = Full(args, budget);
        return node.Blocks.At(snapshot, height) is { } block ? EthFormat.Block(block, full) : null;
    }

    /// <summary>A final transaction as the snapshot's chain has it; else a pending one, looked up on the loop (the mempool is the loop's).</summary>
    private async Task<JsonNode?> TransactionByHashAsync(NodeSnapshot snapshot, Hash32 hash)
    {
        if (Final(snapshot, hash, EthFormat.Transaction) is { } final)
            return final;
        var pending = await node.ReadOnLoopAsync(() => node.Mempool.TryGet(hash, out var entry) ? entry.Transaction : null);
        return pending is null ? null : EthFormat.Transaction(pending, null, 0);
    }

    /// <summary><paramref name="format"/> of a final transaction (in a block at or below the snapshot's head), or null.</summary>
    private JsonNode? Final(NodeSnapshot snapshot, Hash32 hash, Func<Transaction, Block, int, JsonObject> format)
    {
        if (!node.State.TryGetLocation(hash, out var at) || node.Blocks.At(snapshot, at.BlockNumber) is not { } block)
            return null;
        return format(block.Transactions[at.Index], block, at.Index);
    }

    private JsonNode BlocksRange(NodeSnapshot snapshot, JsonElement[] args, FullBlockBudget budget)
    {
        var from = Quantity.Parse(Arg(args, 0, "from"), "from");
        var count = Quantity.Parse(Arg(args, 1, "count"), "count");
        if (count is 0 or > MaxRangeBlocks)
            throw RpcException.Params($"count must be between 1 and {MaxRangeBlocks}");
        budget.Take(count);
        var to = from > ulong.MaxValue - count ? ulong.MaxValue : from + count - 1;
        return new JsonArray(node.Blocks.Between(snapshot, from, to).Select(b => (JsonNode?)EthFormat.Block(b, fullTransactions: true)).ToArray());
    }

    private JsonNode Status(NodeSnapshot snapshot)
    {
        return new JsonObject
        {
            ["node_id"] = node.NodeId,
            ["address"] = node.Address.ToString(),
            ["validator_index"] = node.SelfIndex,
            ["chain_id"] = node.Genesis.ChainId,
            ["genesis_hash"] = node.Genesis.Hash.ToString(),
            ["height"] = snapshot.Height + 1,
            ["finalized_height"] = snapshot.Height,
            ["head_hash"] = snapshot.HeadHash.ToString(),
            ["head_timestamp_ms"] = snapshot.Head.TimestampMs,
            ["round"] = snapshot.Round,
            ["step"] = snapshot.Step?.ToString().ToLowerInvariant(),
            ["abstaining"] = snapshot.Abstaining,
            ["syncing"] = snapshot.Syncing,
            ["best_peer_height"] = snapshot.BestPeerHeight,
            ["mempool_size"] = snapshot.MempoolCount,
            ["mempool_bytes"] = snapshot.MempoolBytes,
            ["ballot_proof_checks"] = node.BallotProofChecks,
            ["event_loop_lag_ms_max"] = Math.Round(node.LoopLag.MaxMs, 1),
            ["transactions"] = snapshot.TransactionCount,
            ["peers"] = new JsonArray(node.Peers.Peers.Where(p => p.Hello is not null).Select(p => (JsonNode?)new JsonObject
            {
                ["node_id"] = p.Hello!.NodeId,
                ["address"] = p.Hello.Address.ToString(),
                ["host"] = p.Hello.Host,
                ["p2p_port"] = p.Hello.P2PPort,
                ["rpc_port"] = p.Hello.RpcPort,
                ["outbound"] = p.Outbound,
            }).ToArray()),
            ["equivocations"] = new JsonArray(snapshot.Equivocations.Select(e => (JsonNode?)new JsonObject
            {
                ["validator"] = node.Genesis.Validators[e.Validator].ToString(),
                ["height"] = e.Height,
                ["round"] = e.Round,
                ["step"] = e.Step.ToString().ToLowerInvariant(),
                ["first"] = e.FirstValueId?.ToString(),
                ["second"] = e.SecondValueId?.ToString(),
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

    /// <summary>The full-transactions flag, charged to the budget when set.</summary>
    private static bool Full(JsonElement[] args, FullBlockBudget budget)
    {
        var full = FullFlag(args);
        if (full)
            budget.Take(1);
        return full;
    }

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
