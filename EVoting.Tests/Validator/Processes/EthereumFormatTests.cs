using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EVoting.Chain;
using EVoting.Tests.Hosting;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// Blocks, transactions and receipts read over JSON-RPC, checked with the rules ethers.js's
/// formatters apply (every field present, quantities as 0x without leading zeros, 32-byte hashes,
/// 20-byte addresses, fixed-size data), and the block's signer recovered to its miner; and read
/// with Nethereum, a standard Ethereum client library.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SingleValidatorSystem.Name)]
public sealed partial class EthereumFormatTests(SingleValidatorFixture fixture)
{
    [GeneratedRegex("^0x(0|[1-9a-f][0-9a-f]*)$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex("^0x[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("^0x([0-9a-f]{2})*$")]
    private static partial Regex DataPattern();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Quantity(JsonNode o, string field) => Assert.Matches(QuantityPattern(), Str(o, field));
    private static void Hash(JsonNode o, string field) => Assert.Matches(HashPattern(), Str(o, field));
    private static void AddressField(JsonNode o, string field) => Assert.Matches(AddressPattern(), Str(o, field));
    private static void Data(JsonNode o, string field, int? bytes = null)
    {
        var value = Str(o, field);
        Assert.Matches(DataPattern(), value);
        if (bytes is { } n)
            Assert.Equal(2 + 2 * n, value.Length);
    }

    private static string Str(JsonNode o, string field)
    {
        Assert.True(o.AsObject().ContainsKey(field), $"missing field '{field}'");
        return o[field]!.GetValue<string>();
    }

    private static void NullField(JsonNode o, string field)
    {
        Assert.True(o.AsObject().ContainsKey(field), $"missing field '{field}'");
        Assert.Null(o[field]);
    }

    [Fact]
    public async Task A_block_with_a_vote_parses_by_ethers_rules_and_its_signer_is_the_miner()
    {
        var vote = await fixture.Node.SendAsync(fixture.Txs.Vote(7000), Ct);
        await Poll.UntilAsync(() => fixture.Node.IsFinalAsync(vote, Ct), TimeSpan.FromSeconds(30), "vote final", Ct);
        var receipt = (await fixture.Node.ResultAsync("eth_getTransactionReceipt", [vote], Ct))!;
        var number = Str(receipt, "blockNumber");

        foreach (var full in new[] { false, true })
        {
            var block = (await fixture.Node.ResultAsync("eth_getBlockByNumber", [number, full], Ct))!;
            foreach (var f in new[] { "number", "timestamp", "gasLimit", "gasUsed", "difficulty", "size" })
                Quantity(block, f);
            foreach (var f in new[] { "hash", "parentHash", "transactionsRoot", "stateRoot", "receiptsRoot", "sha3Uncles", "mixHash" })
                Hash(block, f);
            AddressField(block, "miner");
            Data(block, "logsBloom", 256);
            Data(block, "nonce", 8);
            Data(block, "extraData");
            Assert.Empty(block["uncles"]!.AsArray());
            // The seed's names agree with the standard ones.
            Assert.Equal(Str(block, "hash"), Str(block, "block_hash"));
            Assert.Equal(Str(block, "parentHash"), Str(block, "prev_hash"));
            Assert.Equal(Str(block, "miner"), Str(block, "validator"));
            Assert.Equal(Convert.ToUInt64(Str(block, "number")[2..], 16), block["index"]!.GetValue<ulong>());

            // The header recomputes to the hash, and the signature recovers to the miner.
            var header = new BlockHeader(block["chain_id"]!.GetValue<ulong>(), block["index"]!.GetValue<ulong>(),
                Hash32.Parse(Str(block, "parentHash")), block["timestamp_ms"]!.GetValue<long>(), Hash32.Parse(Str(block, "transactionsRoot")),
                Address.Parse(Str(block, "miner")), block["round"]!.GetValue<int>(), block["transactions"]!.AsArray().Count);
            Assert.Equal(Str(block, "hash"), header.ComputeHash().ToString());
            Assert.Equal(Address.Parse(Str(block, "miner")), Signature.RecoverSigner(Hash32.Parse(Str(block, "hash")), Signature.Parse(Str(block, "signature"))));

            var txs = block["transactions"]!.AsArray();
            Assert.Contains(txs, t => (full ? Str(t!, "hash") : t!.GetValue<string>()) == vote);
            if (full)
            {
                var tx = txs.Single(t => Str(t!, "hash") == vote)!;
                foreach (var f in new[] { "type", "nonce", "gas", "gasPrice", "value", "chainId", "v", "blockNumber", "transactionIndex" })
                    Quantity(tx, f);
                Hash(tx, "blockHash");
                Hash(tx, "r");
                Hash(tx, "s");
                AddressField(tx, "from");
                NullField(tx, "to");
                Data(tx, "input");
                Assert.Equal(vote, TransactionJson.ParseData(Str(tx, "input")).Hash.ToString());
                Assert.StartsWith("anon-", Str(tx, "voter_id"));
                Data(tx, "encrypted_vote");
                Hash(tx, "ballot_hash");
            }
        }
    }

    /// <summary>
    /// Nethereum, a standard Ethereum client library, reads a final vote's receipt, transaction and
    /// block (by number and by hash, full and hashes only) from the node's JSON-RPC, and recovers the
    /// block's signature to its miner.
    /// </summary>
    [Fact]
    public async Task Nethereum_reads_blocks_receipts_and_transactions_and_recovers_the_block_signer_to_its_miner()
    {
        var vote = await fixture.Node.SendAsync(fixture.Txs.Vote(7200), Ct);
        await Poll.UntilAsync(() => fixture.Node.IsFinalAsync(vote, Ct), TimeSpan.FromSeconds(30), "vote final", Ct);
        var web3 = new Nethereum.Web3.Web3(fixture.RpcUrl.ToString());

        var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(vote);
        Assert.Equal(vote, receipt.TransactionHash);
        Assert.Equal(1, (int)receipt.Status.Value);
        Assert.Equal(fixture.Submitter.Address.ToString(), receipt.From, ignoreCase: true);
        Assert.Null(receipt.To);

        var block = await web3.Eth.Blocks.GetBlockWithTransactionsByNumber.SendRequestAsync(receipt.BlockNumber);
        Assert.Equal(receipt.BlockHash, block.BlockHash);
        Assert.Equal(receipt.BlockNumber.Value, block.Number.Value);
        var tx = Assert.Single(block.Transactions, t => t.TransactionHash == vote);
        Assert.Equal(receipt.TransactionIndex.Value, tx.TransactionIndex.Value);
        Assert.Equal(fixture.Submitter.Address.ToString(), tx.From, ignoreCase: true);
        Assert.Equal(vote, TransactionJson.ParseData(tx.Input).Hash.ToString());

        var byHash = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByHash.SendRequestAsync(block.BlockHash);
        Assert.Equal(block.Miner, byHash.Miner);
        Assert.Contains(vote, byHash.TransactionHashes);
        Assert.Equal(block.BlockHash, (await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(vote)).BlockHash);
        Assert.Equal(fixture.Genesis.ChainId, (ulong)(await web3.Eth.ChainId.SendRequestAsync()).Value);
        Assert.True((await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value >= block.Number.Value);
        Assert.Null(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(Hash32.Zero.ToString()));

        // The proposer's signature is our field (Nethereum's block type has no slot for it): over the hash, to the miner.
        var raw = (await fixture.Node.ResultAsync("eth_getBlockByHash", [block.BlockHash, false], Ct))!;
        var signer = new Nethereum.Signer.MessageSigner().EcRecover(Hash32.Parse(block.BlockHash).ToArray(), Str(raw, "signature"));
        Assert.Equal(block.Miner, signer, ignoreCase: true);
    }

    [Fact]
    public async Task A_receipt_parses_by_ethers_rules_and_carries_a_verifiable_merkle_proof()
    {
        var hashes = new List<string>();
        for (var i = 0; i < 3; i++)
            hashes.Add(await fixture.Node.SendAsync(fixture.Txs.Vote(7100 + i), Ct));
        foreach (var h in hashes)
            await Poll.UntilAsync(() => fixture.Node.IsFinalAsync(h, Ct), TimeSpan.FromSeconds(30), "vote final", Ct);

        foreach (var h in hashes)
        {
            var receipt = (await fixture.Node.ResultAsync("eth_getTransactionReceipt", [h], Ct))!;
            Hash(receipt, "transactionHash");
            Hash(receipt, "blockHash");
            foreach (var f in new[] { "transactionIndex", "blockNumber", "status", "cumulativeGasUsed", "gasUsed", "effectiveGasPrice", "type" })
                Quantity(receipt, f);
            AddressField(receipt, "from");
            NullField(receipt, "to");
            NullField(receipt, "contractAddress");
            Data(receipt, "logsBloom", 256);
            Assert.Empty(receipt["logs"]!.AsArray());
            Assert.Equal("0x1", Str(receipt, "status"));
            Assert.Equal(fixture.Submitter.Address, Address.Parse(Str(receipt, "from")));

            var proof = receipt["merkleProof"]!.AsArray().Select(p => Hash32.Parse(p!.GetValue<string>())).ToList();
            var index = (int)Convert.ToUInt64(Str(receipt, "transactionIndex")[2..], 16);
            Assert.True(MerkleTree.Verify(Hash32.Parse(h), index, receipt["transactionCount"]!.GetValue<int>(), proof,
                Hash32.Parse(Str(receipt, "transactionsRoot"))));

            var separate = (await fixture.Node.ResultAsync("poa_getMerkleProof", [h], Ct))!;
            Assert.Equal(Str(receipt, "transactionsRoot"), Str(separate, "transactions_root"));
        }

        var range = (await fixture.Node.ResultAsync("poa_getBlocksRange", ["0x0", "0x5"], Ct))!.AsArray();
        Assert.Equal("0x0", Str(range[0]!, "number"));
        Assert.All(range, b => Quantity(b!, "number"));
    }
}
