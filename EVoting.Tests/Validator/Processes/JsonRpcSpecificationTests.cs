using System.Net;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Hosting;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// The JSON-RPC 2.0 specification's examples (section 7), with this node's methods in place of the examples'
/// ("subtract", "update", …): notifications are run and never answered, batches answer each request that has an
/// id, in order, and malformed members of a batch get their own error objects.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SingleValidatorSystem.Name)]
public sealed class JsonRpcSpecificationTests(SingleValidatorFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(HttpStatusCode Status, string Body)> PostAsync(string body) => fixture.PostRawAsync(body);

    private static int Code(JsonNode response) => SingleValidatorFixture.ErrorCode(response);

    [Fact]
    public async Task A_call_with_positional_parameters_is_answered_with_its_id()
    {
        var (status, body) = await PostAsync("{\"jsonrpc\": \"2.0\", \"method\": \"eth_getBlockByNumber\", \"params\": [\"0x0\", false], \"id\": 1}");
        Assert.Equal(HttpStatusCode.OK, status);
        var response = JsonNode.Parse(body)!;
        Assert.Equal(1, response["id"]!.GetValue<int>());
        Assert.Equal("0x0", response["result"]!["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_notification_is_run_and_answered_with_nothing()
    {
        var tx = fixture.Txs.Vote(8000);
        var notification = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "eth_sendTransaction",
            ["params"] = new JsonArray(new JsonObject { ["data"] = TransactionJson.ToData(tx) }),
        };
        var (status, body) = await PostAsync(notification.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("", body);
        // It was run: the transaction it carried becomes final.
        await Poll.UntilAsync(() => fixture.Node.IsFinalAsync(tx.Hash.ToString(), Ct), TimeSpan.FromSeconds(30), "the notified vote final", Ct);
    }

    [Fact]
    public async Task A_batch_of_notifications_only_is_answered_with_nothing()
    {
        var (status, body) = await PostAsync("[{\"jsonrpc\": \"2.0\", \"method\": \"eth_chainId\", \"params\": []}, {\"jsonrpc\": \"2.0\", \"method\": \"eth_blockNumber\"}]");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task A_mixed_batch_answers_every_call_with_an_id_and_every_invalid_member_and_skips_notifications()
    {
        var (status, body) = await PostAsync("""
            [
              {"jsonrpc": "2.0", "method": "eth_chainId", "params": [], "id": "1"},
              {"jsonrpc": "2.0", "method": "eth_blockNumber", "params": []},
              {"jsonrpc": "2.0", "method": "eth_getBlockByNumber", "params": ["0x0", false], "id": "2"},
              {"foo": "boo"},
              {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
              {"jsonrpc": "2.0", "method": "web3_clientVersion", "id": "9"}
            ]
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        var responses = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(5, responses.Count);
        Assert.Equal(("1", "0x539"), (responses[0]!["id"]!.GetValue<string>(), responses[0]!["result"]!.GetValue<string>()));
        Assert.Equal("2", responses[1]!["id"]!.GetValue<string>());
        Assert.Equal(RpcErrorCodes.InvalidRequest, Code(responses[2]!));
        Assert.Null(responses[2]!["id"]);
        Assert.Equal(("5", RpcErrorCodes.MethodNotFound), (responses[3]!["id"]!.GetValue<string>(), Code(responses[3]!)));
        Assert.Equal("9", responses[4]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[1]", 1)]
    [InlineData("[1,2,3]", 3)]
    public async Task A_batch_of_invalid_members_gets_one_error_object_each(string batch, int errors)
    {
        var (_, body) = await PostAsync(batch);
        var responses = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(errors, responses.Count);
        Assert.All(responses, r => Assert.Equal(RpcErrorCodes.InvalidRequest, Code(r!)));
    }

    [Theory]
    [InlineData("[{\"jsonrpc\": \"2.0\", \"method\": \"eth_chainId\", \"params\": [], \"id\": \"1\"}, {\"jsonrpc\": \"2.0\", \"method\"]", RpcErrorCodes.ParseError)]
    [InlineData("[]", RpcErrorCodes.InvalidRequest)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}", RpcErrorCodes.InvalidRequest)]
    public async Task A_malformed_body_gets_one_error_object_with_a_null_id(string request, int code)
    {
        var (_, body) = await PostAsync(request);
        var response = JsonNode.Parse(body)!;
        Assert.IsType<JsonObject>(response);
        Assert.Equal(code, Code(response));
        Assert.Null(response["id"]);
    }
}
