using System.Text.Json.Nodes;
using EVoting.Rpc;
using EVoting.Validator.Rpc;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// One request body returns at most <see cref="FullBlockBudget.MaxBlocks"/> blocks with full transactions, however it
/// is batched (docs/validator.md#rpc-reads): a batch of range reads cannot make the node build thousands of blocks for
/// one response.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SingleValidatorSystem.Name)]
public sealed class JsonRpcReadBudgetTests(SingleValidatorFixture fixture)
{
    private static JsonObject Request(int id, string method, JsonArray @params) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["method"] = method,
        ["params"] = @params,
    };

    private async Task<JsonArray> BatchAsync(params JsonObject[] requests)
    {
        var (status, body) = await fixture.PostRawAsync(new JsonArray(requests).ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return JsonNode.Parse(body)!.AsArray();
    }

    [Fact]
    public async Task A_batch_returns_at_most_100_full_blocks_and_the_members_over_it_get_invalid_params()
    {
        var half = FullBlockBudget.MaxBlocks / 2;
        var answers = await BatchAsync(
            Request(1, "poa_getBlocksRange", ["0x0", Quantity.Hex((ulong)half)]),
            Request(2, "poa_getBlocksRange", ["0x0", Quantity.Hex((ulong)half + 1)]),
            Request(3, "eth_getBlockByNumber", ["0x0", false]));
        Assert.NotNull(answers[0]!["result"]);
        Assert.Equal(RpcErrorCodes.InvalidParams, SingleValidatorFixture.ErrorCode(answers[1]!));
        Assert.NotNull(answers[2]!["result"]); // hashes only: not charged

        // Exactly the budget: every member answers.
        var within = await BatchAsync([
            Request(0, "poa_getBlocksRange", ["0x0", Quantity.Hex((ulong)half)]),
            .. Enumerable.Range(1, FullBlockBudget.MaxBlocks - half).Select(i => Request(i, "eth_getBlockByNumber", ["0x0", true])),
        ]);
        Assert.All(within, a => Assert.NotNull(a!["result"]));

        // The next body has its own budget.
        var next = await BatchAsync(Request(1, "poa_getBlocksRange", ["0x0", Quantity.Hex((ulong)FullBlockBudget.MaxBlocks)]));
        Assert.NotNull(next[0]!["result"]);
    }
}
