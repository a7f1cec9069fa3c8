using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVoting.AppHost.Dashboard;
using EVoting.Tests.Api;

namespace EVoting.Tests.AppHost;

/// <summary>The seed's end-to-end script and a vote's distributed trace, on the whole system started by the harness.</summary>
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
            using var rpc = system.App.CreateHttpClient(validator, "rpc");
            using var response = await rpc.PostAsJsonAsync("/rpc", new { jsonrpc = "2.0", method = "eth_blockNumber", @params = Array.Empty<object>(), id = 1 }, Ct);
            var body = await ApiSystem.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{validator}: {(int)response.StatusCode} {body}");
            Assert.StartsWith("0x", body!["result"]!.GetValue<string>());
        }

        var txHash = await VoteAsync();
        var receipt = await system.WaitForReceiptAsync(txHash, "final", TimeSpan.FromSeconds(90));
        Assert.True(receipt["block_number"]?.GetValue<long>() > 0, "receipt: " + receipt.ToJsonString());

        using var verifyResponse = await system.GetAsync("/api/blockchain/verify");
        var verify = await ApiSystem.ReadAsync(verifyResponse);
        Assert.True(verify?["chain_valid"]?.GetValue<bool>() == true, $"verify: {(int)verifyResponse.StatusCode} {verify?.ToJsonString()}");
    }

    [Fact]
    public async Task A_vote_is_one_trace_from_the_api_through_the_receiving_and_a_gossiping_validator_to_finality()
    {
        var txHash = await VoteAsync();
        await system.WaitForReceiptAsync(txHash, "final", TimeSpan.FromSeconds(90));
        var telemetry = system.App.Telemetry!;

        IReadOnlyList<SpanData> spans = [];
        string? missing = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var traces = telemetry.FindTracesByTxHash(txHash);
            spans = traces.Count == 1 ? telemetry.GetTrace(traces[0]) : [];
            missing = Missing(spans);
            if (missing is null)
                break;
            await Task.Delay(500, Ct);
        }
        foreach (var span in spans)
            output.WriteLine($"{span.Start:HH:mm:ss.fff} {span.Service,-12} {span.Name} {span.Attribute(TelemetryStore.TxHashAttribute)}");
        Assert.True(missing is null, $"the trace of {txHash} lacks {missing}; traces with it: {telemetry.FindTracesByTxHash(txHash).Count}");
        Assert.Single(spans.Select(s => s.TraceId).Distinct());
    }

    /// <summary>What the vote's trace must hold; null when it is complete.</summary>
    private static string? Missing(IReadOnlyList<SpanData> spans)
    {
        if (!spans.Any(s => s.Service == "api"))
            return "a span from the api";
        var receiving = spans.FirstOrDefault(s => s.Service.StartsWith("validator-", StringComparison.Ordinal) && s.Name == "rpc eth_sendTransaction")?.Service;
        if (receiving is null)
            return "the receiving validator's eth_sendTransaction span";
        if (!spans.Any(s => s.Service.StartsWith("validator-", StringComparison.Ordinal) && s.Service != receiving && s.Name.StartsWith("p2p.receive", StringComparison.Ordinal)))
            return "a span from a validator that got the transaction by gossip";
        if (!spans.Any(s => s.Name == "tx.included"))
            return "the inclusion span";
        if (!spans.Any(s => s.Name == "tx.final"))
            return "the finality span";
        return null;
    }

    /// <summary>A voter registers, logs in and casts a real encrypted ballot in a fresh open election; returns the tx hash.</summary>
    private async Task<string> VoteAsync()
    {
        var election = await system.CreateElectionAsync(candidates: 2);
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        var voter = await system.NewVoterAsync();
        using var response = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 2));
        var body = await ApiSystem.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"submit: {(int)response.StatusCode} {body}");
        return body!["transaction_id"]!.GetValue<string>();
    }
}
