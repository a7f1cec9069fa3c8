using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVoting.Rpc;
using EVoting.Tests.Api;

namespace EVoting.Tests.AppHost;

/// <summary>The seed's end-to-end script and a vote's distributed trace in the Aspire dashboard, on the whole system under DCP.</summary>
[Trait("Category", "Integration")]
public sealed class SeedScriptTests(VotingSystem system, ITestOutputHelper output) : IClassFixture<VotingSystem>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seed_script_passes_bootnode_validators_vote_final_receipt_and_a_valid_chain()
    {
        using var bootnode = system.App.CreateHttpClient("bootnode");
        var health = await bootnode.GetFromJsonAsync<JsonObject>("/health", Ct);
        Assert.Equal("healthy", health!["status"]!.GetValue<string>());

        foreach (var validator in new[] { "validator-1", "validator-2", "validator-3" })
        {
            using var http = system.App.CreateHttpClient(validator, "rpc");
            // Throws unless the validator answers eth_blockNumber with a quantity.
            await new JsonRpcClient(http, new Uri(http.BaseAddress!, "rpc")).BlockNumberAsync(Ct);
        }

        var (_, txHash) = await VoteAsync();
        var receipt = await system.WaitForReceiptAsync(txHash, "final", TimeSpan.FromSeconds(90));
        Assert.True(receipt["block_number"]?.GetValue<long>() > 0, "receipt: " + receipt.ToJsonString());

        using var verifyResponse = await system.GetAsync("/api/blockchain/verify");
        var verify = await ApiSystem.ReadAsync(verifyResponse);
        Assert.True(verify?["chain_valid"]?.GetValue<bool>() == true, $"verify: {(int)verifyResponse.StatusCode} {verify?.ToJsonString()}");
    }

    [Fact]
    public async Task A_vote_is_one_trace_from_the_api_through_the_receiving_and_a_gossiping_validator_to_finality()
    {
        var (electionId, txHash) = await VoteAsync();
        var receipt = await system.WaitForReceiptAsync(txHash, "final", TimeSpan.FromSeconds(90));
        var block = receipt["block_number"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        // Spans arrive in batches (each process exports every second): wait, bounded, for the whole trace.
        VoteTrace trace;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            trace = VoteTrace.From(await DashboardSpans.ReadAsync(system.App.DashboardUrl!, system.App.DashboardApiKey!, Ct), txHash);
            if (trace.Missing(block) is null || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(500, Ct);
        }
        output.WriteLine(trace.Describe());
        Assert.True(trace.Missing(block) is null, $"the trace of vote {txHash} (block {block}) lacks {trace.Missing(block)}\n{trace.Describe()}");

        Assert.All(trace.Spans, s => Assert.Equal(trace.TraceIds.Single(), s.TraceId));
        Assert.All(trace.TxSpans, s => Assert.Equal(electionId.ToString(CultureInfo.InvariantCulture), s.Attribute("evoting.election_id")));
    }

    private async Task<(int ElectionId, string TxHash)> VoteAsync()
    {
        var election = await system.CreateElectionAsync(candidates: 2);
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        var voter = await system.NewVoterAsync();
        using var response = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 2));
        var body = await ApiSystem.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"submit: {(int)response.StatusCode} {body}");
        return (id, body!["transaction_id"]!.GetValue<string>());
    }
}
