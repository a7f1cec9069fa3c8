using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Hosting;
using EVoting.Validator.Rpc;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// Admission's cost across a real process (issue 15; the unit form is AdmissionCostTests): a JSON-RPC batch of 100
/// ballots with bad signatures is refused without a single ballot proof being checked, as the node's own counter
/// (<c>poa_status</c>'s ballot_proof_checks) shows — and the counter does move for a genuine ballot.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SingleValidatorSystem.Name)]
public sealed class JsonRpcAdmissionCostTests(SingleValidatorFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> ProofChecksAsync() =>
        (await fixture.Node.ResultAsync("poa_status", null, Ct))!["ballot_proof_checks"]!.GetValue<long>();

    [Fact]
    public async Task A_batch_of_100_ballots_with_bad_signatures_costs_no_proof_check()
    {
        // The counter counts: one genuine ballot is one proof check.
        var before = await ProofChecksAsync();
        await fixture.Node.SendAsync(fixture.Txs.Vote(9_000), Ct);
        Assert.Equal(before + 1, await ProofChecksAsync());

        // Real ballots (valid proofs), half signed by a key that is not a submitter, half with a signature that recovers nothing.
        var stranger = EthKey.Generate();
        var junk = Enumerable.Range(0, JsonRpcEndpoint.MaxBatch).Select(i =>
        {
            var vote = fixture.Txs.Vote(9_001 + i) with { Signature = default };
            return i % 2 == 0 ? vote.Sign(stranger) : vote with { Signature = new Signature(new byte[Signature.Length]) };
        }).ToList();
        var batch = new JsonArray(junk.Select((tx, i) => (JsonNode?)new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = i,
            ["method"] = "eth_sendTransaction",
            ["params"] = new JsonArray(new JsonObject { ["data"] = TransactionJson.ToData(tx) }),
        }).ToArray());
        var checks = await ProofChecksAsync();
        var (status, body) = await fixture.PostRawAsync(batch.ToJsonString());

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var answers = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(junk.Count, answers.Count);
        Assert.All(answers, a => Assert.Equal(RpcErrorCodes.BadSignature, SingleValidatorFixture.ErrorCode(a!)));
        Assert.Equal(checks, await ProofChecksAsync());
    }
}
