using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Rpc;

/// <summary>
/// Blocks, transactions and receipts in the shapes Ethereum clients (ethers.js, Nethereum) parse:
/// every standard field present, zero values where a field has no meaning here (no gas, no state
/// trie, no uncles), plus the chain's own field names and the vote fields (docs/validator.md). <see cref="RpcBlockJson"/>
/// reads a block back from this shape.
/// </summary>
public static class EthFormat
{
    private static readonly string ZeroHash = Hash32.Zero.ToString();
    private static readonly string EmptyBloom = "0x" + new string('0', 512);

    public static JsonObject Block(Block block, bool fullTransactions)
    {
        var h = block.Header;
        var txs = new JsonArray();
        for (var i = 0; i < block.Transactions.Count; i++)
            txs.Add(fullTransactions ? Transaction(block.Transactions[i], block, i) : JsonValue.Create(block.Transactions[i].Hash.ToString()));
        var o = new JsonObject
        {
            ["number"] = Quantity.Hex(h.Index),
            ["hash"] = block.Hash.ToString(),
            ["parentHash"] = h.PrevHash.ToString(),
            ["timestamp"] = Quantity.Hex(h.TimestampMs / 1000),
            ["miner"] = h.Validator.ToString(),
            ["transactions"] = txs,
            ["transactionsRoot"] = h.TransactionsRoot.ToString(),
            ["stateRoot"] = ZeroHash,
            ["receiptsRoot"] = ZeroHash,
            ["logsBloom"] = EmptyBloom,
            ["sha3Uncles"] = ZeroHash,
            ["extraData"] = "0x",
            ["gasLimit"] = "0x0",
            ["gasUsed"] = "0x0",
            ["difficulty"] = "0x0",
            ["totalDifficulty"] = "0x0",
            ["nonce"] = "0x0000000000000000",
            ["mixHash"] = ZeroHash,
            ["size"] = Quantity.Hex((ulong)block.Size),
            ["uncles"] = new JsonArray(),
            // The seed's names and ours.
            ["index"] = h.Index,
            ["prev_hash"] = h.PrevHash.ToString(),
            ["block_hash"] = block.Hash.ToString(),
            ["validator"] = h.Validator.ToString(),
            ["signature"] = block.Signature.IsEmpty ? null : block.Signature.ToString(),
            ["timestamp_ms"] = h.TimestampMs,
            ["transactions_root"] = h.TransactionsRoot.ToString(),
            ["round"] = h.Round,
            ["chain_id"] = h.ChainId,
        };
        if (block.Commit is { } c)
            o["commit"] = new JsonObject { ["round"] = c.Round, ["precommits"] = new JsonArray(c.Precommits.Select(s => (JsonNode?)JsonValue.Create(s.ToString())).ToArray()) };
        return o;
    }

    /// <summary>A transaction as eth_getTransactionByHash returns it; block fields null while pending.</summary>
    public static JsonObject Transaction(Transaction tx, Block? block, int index)
    {
        var o = JsonNode.Parse(TransactionJson.Serialize(tx))!.AsObject();
        var sig = tx.Signature.Span;
        o["hash"] = tx.Hash.ToString();
        o["type"] = "0x0";
        o["from"] = tx.Sender?.ToString();
        o["to"] = null;
        o["nonce"] = "0x0";
        o["gas"] = "0x0";
        o["gasPrice"] = "0x0";
        o["value"] = "0x0";
        o["input"] = TransactionJson.ToData(tx);
        o["chainId"] = Quantity.Hex(tx.ChainId);
        o["r"] = Hex.Encode(sig[..32]);
        o["s"] = Hex.Encode(sig[32..64]);
        o["v"] = Quantity.Hex((ulong)sig[64]);
        o["blockHash"] = block?.Hash.ToString();
        o["blockNumber"] = block is null ? null : Quantity.Hex(block.Index);
        o["transactionIndex"] = block is null ? null : Quantity.Hex((ulong)index);
        return o;
    }

    /// <summary>The receipt of a final transaction, with its Merkle inclusion proof against the block's transactions root.</summary>
    public static JsonObject Receipt(Transaction tx, Block block, int index)
    {
        var proof = block.InclusionProof(index);
        return new JsonObject
        {
            ["transactionHash"] = tx.Hash.ToString(),
            ["transactionIndex"] = Quantity.Hex((ulong)index),
            ["blockHash"] = block.Hash.ToString(),
            ["blockNumber"] = Quantity.Hex(block.Index),
            ["from"] = tx.Sender?.ToString(),
            ["to"] = null,
            ["status"] = "0x1",
            ["cumulativeGasUsed"] = "0x0",
            ["gasUsed"] = "0x0",
            ["effectiveGasPrice"] = "0x0",
            ["logs"] = new JsonArray(),
            ["logsBloom"] = EmptyBloom,
            ["type"] = "0x0",
            ["contractAddress"] = null,
            ["root"] = null,
            // Ours: finality, the election, and what a voter needs to check inclusion.
            ["finalized"] = true,
            ["electionId"] = tx.ElectionId,
            ["ballotHash"] = tx.Kind == TxKind.Vote ? tx.BallotHash.ToString() : null,
            ["transactionsRoot"] = block.Header.TransactionsRoot.ToString(),
            ["transactionCount"] = block.Transactions.Count,
            ["merkleProof"] = new JsonArray(proof.Select(p => (JsonNode?)JsonValue.Create(p.ToString())).ToArray()),
            ["validator"] = block.Header.Validator.ToString(),
            ["blockTimestampMs"] = block.Header.TimestampMs,
        };
    }

    public static JsonObject MerkleProof(Transaction tx, Block block, int index)
    {
        var proof = block.InclusionProof(index);
        return new JsonObject
        {
            ["tx_hash"] = tx.Hash.ToString(),
            ["block_number"] = block.Index,
            ["block_hash"] = block.Hash.ToString(),
            ["index"] = index,
            ["count"] = block.Transactions.Count,
            ["transactions_root"] = block.Header.TransactionsRoot.ToString(),
            ["leaf"] = MerkleTree.LeafHash(tx.Hash).ToString(),
            ["proof"] = new JsonArray(proof.Select(p => (JsonNode?)JsonValue.Create(p.ToString())).ToArray()),
        };
    }
}
