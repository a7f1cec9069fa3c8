using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Chain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ServiceDiscovery;

namespace EVoting.Tests.Api;

/// <summary>
/// A receipt's three states as the API decides them: pending (no validator has the transaction in
/// a block), included (a validator says so, but the block does not pass the API's own finality
/// check), final (hash, root and a quorum certificate verified here). The validator is faked inside
/// the process, answering JSON-RPC the way the real one formats blocks and receipts (EthFormat).
/// </summary>
public sealed class FinalityTrackerTests
{
    private readonly TestChain _chain = new();
    private readonly Dictionary<ulong, Block> _served = [];

    [Fact]
    public async Task A_vote_is_pending_until_a_block_holds_it_included_on_a_validators_word_and_final_with_a_quorum_certificate()
    {
        var open = _chain.Open(1);
        var vote = _chain.Vote(1, voter: 1);
        var uncertified = _chain.Vote(1, voter: 2);
        Serve(_chain.Commit(open, vote));
        // Block 2 as a lying or broken validator serves it: one precommit of three, no quorum.
        var block2 = _chain.Propose([uncertified]);
        Serve(block2.WithCommit(_chain.Certify(block2, signers: 1)));
        var tracker = Tracker();
        var ct = TestContext.Current.CancellationToken;

        var final = await tracker.LocateAsync(vote.Hash, ct);
        var included = await tracker.LocateAsync(uncertified.Hash, ct);
        var pending = await tracker.LocateAsync(_chain.Vote(1, voter: 3).Hash, ct);

        Assert.Equal((TxStatus.Final, 1UL, 1), (final.Status, final.BlockNumber, final.TxIndex));
        Assert.NotNull(final.Block);
        Assert.Equal((TxStatus.Included, 2UL, 0), (included.Status, included.BlockNumber, included.TxIndex));
        Assert.Null(included.Block);
        Assert.Equal("http://validator-a:8001/", included.ReportedBy);
        Assert.Equal((TxStatus.Pending, (ulong?)null), (pending.Status, pending.BlockNumber));
    }

    [Fact]
    public async Task A_block_whose_transactions_do_not_match_its_root_never_makes_a_vote_final()
    {
        var vote = _chain.Vote(1, voter: 1);
        var good = _chain.Commit(_chain.Open(1), vote);
        // The same header and certificate, but the vote swapped for another: the root no longer matches.
        var forged = good with { Transactions = [good.Transactions[0], _chain.Vote(1, voter: 9)] };
        Serve(forged);

        var position = await Tracker().LocateAsync(forged.Transactions[1].Hash, TestContext.Current.CancellationToken);

        Assert.Equal(TxStatus.Included, position.Status);
    }

    [Fact]
    public async Task A_certified_block_from_a_proposer_out_of_turn_never_makes_a_vote_final()
    {
        var vote = _chain.Vote(1, voter: 1);
        _chain.Commit(_chain.Open(1));
        var outOfTurn = _chain.Propose([vote], proposer: _chain.ProposerKey(_chain.State.Height + 1, round: 1));
        Serve(outOfTurn.WithCommit(_chain.Certify(outOfTurn)));

        var position = await Tracker().LocateAsync(vote.Hash, TestContext.Current.CancellationToken);

        Assert.Equal((TxStatus.Included, (ulong?)2UL), (position.Status, position.BlockNumber));
    }

    private void Serve(Block block) => _served[block.Index] = block;

    private FinalityTracker Tracker()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:validators:http:0"] = "http://validator-a:8001" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddServiceDiscovery().BuildServiceProvider();
        var endpoints = new ValidatorEndpoints(services.GetRequiredService<ServiceEndpointResolver>());
        var rpc = new ValidatorRpcFactory(new FakeValidatorFactory(this));
        return new FinalityTracker(new ChainClient(rpc, endpoints, _chain.BlockValidator, NullLogger<ChainClient>.Instance), NullLogger<FinalityTracker>.Instance);
    }

    /// <summary>Answers eth_getTransactionReceipt and eth_getBlockByNumber from the served blocks.</summary>
    private JsonNode? Answer(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "eth_getBlockByNumber":
                var number = Convert.ToUInt64(parameters[0].GetString()![2..], 16);
                return _served.TryGetValue(number, out var block) ? EthFormat.Block(block, fullTransactions: true) : null;
            case "eth_getTransactionReceipt":
                var hash = Hash32.Parse(parameters[0].GetString()!);
                foreach (var b in _served.Values)
                {
                    var index = b.Transactions.ToList().FindIndex(t => t.Hash == hash);
                    if (index >= 0)
                        return EthFormat.Receipt(b.Transactions[index], b, index);
                }
                return null;
            default:
                throw new InvalidOperationException("unexpected method " + method);
        }
    }

    private sealed class FakeValidatorFactory(FinalityTrackerTests owner) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(owner));
    }

    private sealed class Handler(FinalityTrackerTests owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            using var doc = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct));
            var root = doc.RootElement;
            var response = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = root.GetProperty("id").GetInt64(),
                ["result"] = owner.Answer(root.GetProperty("method").GetString()!, root.GetProperty("params")),
            };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(response.ToJsonString()) };
        }
    }
}
