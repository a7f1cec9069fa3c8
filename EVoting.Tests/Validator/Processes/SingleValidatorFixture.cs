using EVoting.Chain;
using EVoting.Tests.Hosting;
using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// The AppHost with one validator (quorum 1, so it finalizes alone) and the bootnode, and an open election:
/// shared by the JSON-RPC tests, which speak to the validator's RPC endpoint as any client would.
/// </summary>
public sealed class SingleValidatorFixture : IAsyncLifetime
{
    private TestSystem? _system;

    internal HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The validator's JSON-RPC URL (<c>…/rpc</c>).</summary>
    internal Uri RpcUrl { get; private set; } = null!;

    internal ValidatorRpc Node { get; private set; } = null!;

    internal Genesis Genesis { get; private set; } = null!;

    internal EthKey Submitter { get; private set; } = null!;

    internal TestTransactions Txs { get; private set; } = null!;

    /// <summary>A raw body to the RPC endpoint, as a client would post it: the status and the body text.</summary>
    internal async Task<(System.Net.HttpStatusCode Status, string Body)> PostRawAsync(string body)
    {
        using var response = await Http.PostAsync(RpcUrl, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The code of a JSON-RPC error object.</summary>
    internal static int ErrorCode(System.Text.Json.Nodes.JsonNode response) => response["error"]!["code"]!.GetValue<int>();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _system = await TestSystem.StartAsync(new TestSystemOptions
        {
            Validators = 1,
            BlockPeriodMs = 100,
            RoundTimeoutMs = 500,
            Without = ["frontend", "api", "mariadb", "evoting"],
        }, ct);
        RpcUrl = new Uri(_system.GetEndpoint("validator-1", "rpc"), "rpc");
        Node = new ValidatorRpc(Http, RpcUrl, "validator-1");
        Genesis = _system.Genesis;
        Submitter = EthKey.FromHex(_system.GetParameterValue("submitter-key"));
        Txs = new TestTransactions(Genesis, Submitter);
        var open = await Node.SendAsync(Txs.Open(), ct);
        await Poll.UntilAsync(() => Node.IsFinalAsync(open, ct), TimeSpan.FromSeconds(90), "election open final", ct);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_system is not null)
            await _system.DisposeAsync();
    }
}

/// <summary>The JSON-RPC test classes share one single-validator system (one start instead of one per class).</summary>
[CollectionDefinition(Name)]
public sealed class SingleValidatorSystem : ICollectionFixture<SingleValidatorFixture>
{
    public const string Name = "one validator";
}

/// <summary>
/// A single-validator system for a test that measures time (the event loop's lag): its collection runs after the
/// parallel ones, alone, so the simulation's seeds or another system's start do not take the two cores from it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietSingleValidatorSystem : ICollectionFixture<SingleValidatorFixture>
{
    public const string Name = "one validator, run alone";
}
