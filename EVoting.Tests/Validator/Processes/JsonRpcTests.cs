using System.Net;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Hosting;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>JSON-RPC over HTTP against a real validator process: every error code, limits, idempotent sends.</summary>
[Trait("Category", "Integration")]
[Collection(SingleValidatorSystem.Name)]
public sealed class JsonRpcTests(SingleValidatorFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string body)
    {
        var (status, text) = await fixture.PostRawAsync(body);
        return (status, JsonNode.Parse(text)!);
    }

    private static int Code(JsonNode response) => SingleValidatorFixture.ErrorCode(response);

    [Fact]
    public async Task Malformed_json_is_a_parse_error_with_null_id()
    {
        var (_, body) = await PostAsync("{\"jsonrpc\":\"2.0\",\"method\":");
        Assert.Equal(RpcErrorCodes.ParseError, Code(body));
        Assert.Null(body["id"]);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_blockNumber\"}")]
    [InlineData("{\"id\":1,\"method\":\"eth_blockNumber\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"eth_blockNumber\"}")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task Invalid_requests_are_refused_with_32600(string request)
    {
        var (_, body) = await PostAsync(request);
        Assert.Equal(RpcErrorCodes.InvalidRequest, Code(body));
    }

    [Fact]
    public async Task Unknown_method_is_32601()
    {
        var (_, body) = await PostAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_mine\"}");
        Assert.Equal(RpcErrorCodes.MethodNotFound, Code(body));
        Assert.Equal(7, body["id"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("eth_getBlockByHash", "[\"0x1234\", false]")]
    [InlineData("eth_getBlockByNumber", "[\"0xzz\", false]")]
    [InlineData("eth_getBlockByNumber", "[\"latest\", \"yes\"]")]
    [InlineData("eth_getTransactionReceipt", "[]")]
    [InlineData("eth_getTransactionReceipt", "[\"0xnothex000000000000000000000000000000000000000000000000000000000\"]")]
    [InlineData("eth_sendTransaction", "[{\"data\":\"0xzz\"}]")]
    [InlineData("eth_sendTransaction", "[{\"data\":\"0x7b7d\"}]")]
    [InlineData("eth_sendTransaction", "[\"0x00\"]")]
    [InlineData("poa_getBlocksRange", "[\"0x0\", \"0x0\"]")]
    [InlineData("eth_blockNumber", "{\"not\":\"an array\"}")]
    public async Task Bad_params_are_32602(string method, string @params)
    {
        var (_, body) = await PostAsync($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{@params}}}");
        Assert.Equal(RpcErrorCodes.InvalidParams, Code(body));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[\"" + new string('a', 5 * 1024 * 1024) + "\"]}";
        var (status, body) = await PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(RpcErrorCodes.InvalidRequest, Code(body));
        Assert.NotNull(await fixture.Node.HeightAsync(Ct)); // still serving
    }

    [Fact]
    public async Task An_oversized_batch_is_refused_and_a_normal_batch_answers_each_request()
    {
        var one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
        var (_, tooMany) = await PostAsync("[" + string.Join(',', Enumerable.Repeat(one, 101)) + "]");
        Assert.Equal(RpcErrorCodes.InvalidRequest, Code(tooMany));

        var (_, batch) = await PostAsync("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"nope\"},{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"net_version\"}]");
        var items = batch.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal("0x539", items[0]!["result"]!.GetValue<string>());
        Assert.Equal(RpcErrorCodes.MethodNotFound, Code(items[1]!));
        Assert.Equal("b", items[1]!["id"]!.GetValue<string>());
        Assert.Equal("1337", items[2]!["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejected_transactions_get_codes_that_say_why()
    {
        var txs = fixture.Txs;
        var stranger = EthKey.Generate();
        var unauthorized = txs.Vote(5000) with { Signature = default };
        var (_, notSubmitter) = await SendRaw(unauthorized.Sign(stranger));
        Assert.Equal(RpcErrorCodes.BadSignature, Code(notSubmitter));

        var first = txs.Vote(5001);
        await fixture.Node.SendAsync(first, Ct);
        var sameVoter = txs.Vote(5001, choice: 2);
        var (_, duplicate) = await SendRaw(sameVoter);
        Assert.Equal(RpcErrorCodes.Duplicate, Code(duplicate));
        Assert.Contains("nullifier", duplicate["error"]!["message"]!.GetValue<string>());

        var good = txs.Vote(5002);
        var tamperedProof = (byte[])good.Proof.Clone();
        tamperedProof[^1] ^= 1;
        var (_, badProof) = await SendRaw((good with { Proof = tamperedProof, Signature = default }).Sign(fixture.Submitter));
        Assert.Equal(RpcErrorCodes.InvalidBallot, Code(badProof));

        var otherElection = new TestTransactions(fixture.Genesis, fixture.Submitter, electionId: 999).Vote(1);
        var (_, unknownElection) = await SendRaw(otherElection);
        Assert.Equal(RpcErrorCodes.ElectionState, Code(unknownElection));
    }

    private Task<(HttpStatusCode, JsonNode)> SendRaw(Transaction tx) =>
        PostAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "eth_sendTransaction",
            ["params"] = new JsonArray(new JsonObject { ["data"] = TransactionJson.ToData(tx) }),
        }.ToJsonString());

    [Fact]
    public async Task Sending_the_same_transaction_again_returns_the_same_hash_pending_or_final()
    {
        var tx = fixture.Txs.Vote(6000);
        var first = await fixture.Node.SendAsync(tx, Ct);
        Assert.Equal(tx.Hash.ToString(), first);
        Assert.Equal(first, await fixture.Node.SendAsync(tx, Ct));
        await Poll.UntilAsync(() => fixture.Node.IsFinalAsync(first, Ct), TimeSpan.FromSeconds(30), "vote final", Ct);
        Assert.Equal(first, await fixture.Node.SendAsync(tx, Ct));
    }

    [Fact]
    public async Task Unknown_hashes_and_blocks_return_null()
    {
        var missing = Hash32.Zero.ToString();
        Assert.Null(await fixture.Node.ResultAsync("eth_getTransactionReceipt", [missing], Ct));
        Assert.Null(await fixture.Node.ResultAsync("eth_getTransactionByHash", [missing], Ct));
        Assert.Null(await fixture.Node.ResultAsync("eth_getBlockByHash", [missing, false], Ct));
        Assert.Null(await fixture.Node.ResultAsync("eth_getBlockByNumber", ["0xffffff", false], Ct));
        Assert.Null(await fixture.Node.ResultAsync("poa_getMerkleProof", [missing], Ct));
    }

    [Fact]
    public async Task Node_information_methods_answer()
    {
        Assert.Equal("0x539", (await fixture.Node.ResultAsync("eth_chainId", null, Ct))!.GetValue<string>());
        Assert.StartsWith("EVoting.Validator/", (await fixture.Node.ResultAsync("web3_clientVersion", null, Ct))!.GetValue<string>());
        Assert.Equal("0x0", (await fixture.Node.ResultAsync("net_peerCount", null, Ct))!.GetValue<string>());
        Assert.False((await fixture.Node.ResultAsync("eth_syncing", null, Ct))!.GetValue<bool>());
        var validators = (await fixture.Node.ResultAsync("poa_getValidators", null, Ct))!;
        Assert.Equal(1, validators["quorum"]!.GetValue<int>());
        Assert.True(validators["validators"]![0]!["self"]!.GetValue<bool>());
        var status = (await fixture.Node.ResultAsync("poa_status", null, Ct))!;
        Assert.Equal(fixture.Genesis.Hash.ToString(), status["genesis_hash"]!.GetValue<string>());
        var health = JsonNode.Parse(await fixture.Http.GetStringAsync(new Uri(fixture.RpcUrl, "/health"), Ct))!;
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.True(health["finalized_height"]!.GetValue<ulong>() >= 1);
        Assert.Equal("synced", health["sync_state"]!.GetValue<string>());
    }
}
