using System.Diagnostics;
using System.Text.Json;
using EVoting.Api.Blockchain;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Chain;
using EVoting.Tests.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ServiceDiscovery;

namespace EVoting.Tests.Api;

/// <summary>
/// How the API sends a transaction to two validators (faked in the process): a refusal that can
/// pass (by its code) or a validator that does not answer moves on to the next one, a verdict on the
/// transaction is kept as the reason, and a hanging validator costs at most <see cref="ChainClient.SendAttemptTimeout"/>.
/// </summary>
public sealed class ChainClientSendTests
{
    private readonly TestChain _chain = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private delegate Task<HttpResponseMessage> Validator(Transaction tx, CancellationToken ct);

    private static Task<HttpResponseMessage> Accepts(Transaction tx, CancellationToken ct) => Task.FromResult(FakeRpcHandler.Result($"\"{tx.Hash}\""));

    private static Validator Refuses(int code, string message) => (_, _) => Task.FromResult(FakeRpcHandler.Error(code, message));

    private static async Task<HttpResponseMessage> Hangs(Transaction tx, CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new UnreachableException();
    }

    private static Task<HttpResponseMessage> IsDown(Transaction tx, CancellationToken ct) => throw new HttpRequestException("connection refused");

    private Task<SendOutcome> SendAsync(Validator a, Validator b)
    {
        var tx = _chain.Vote(1, 1);
        var handler = new FakeRpcHandler((host, method, _, ct) =>
        {
            Assert.Equal("eth_sendTransaction", method);
            return (host == "validator-a" ? a : b)(tx, ct);
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:validators:http:0"] = "http://validator-a:8001",
            ["services:validators:http:1"] = "http://validator-b:8001",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddServiceDiscovery().BuildServiceProvider();
        var endpoints = new ValidatorEndpoints(services.GetRequiredService<ServiceEndpointResolver>());
        var client = new ChainClient(new ValidatorRpcFactory(handler.Factory()), endpoints, _chain.BlockValidator, NullLogger<ChainClient>.Instance);
        return client.SendAsync(tx, Ct);
    }

    [Fact]
    public async Task A_full_pool_moves_on_to_the_next_validator()
    {
        var outcome = await SendAsync(Refuses(RpcErrorCodes.PoolFull, "transaction pool is full"), Accepts);

        Assert.Equal("http://validator-b:8001/", outcome.AcceptedBy);
    }

    [Fact]
    public async Task A_verdict_on_the_transaction_is_the_reason_when_no_validator_admits_it()
    {
        var outcome = await SendAsync(Refuses(RpcErrorCodes.InvalidBallot, "invalid ballot: proof"), Refuses(RpcErrorCodes.PoolFull, "transaction pool is full, busy"));

        Assert.False(outcome.Accepted);
        Assert.Equal("invalid ballot: proof", outcome.RejectedReason);
        Assert.Contains("transaction pool is full", outcome.UnreachableReason);
    }

    [Fact]
    public async Task A_message_that_sounds_transient_does_not_make_a_verdict_transient()
    {
        var outcome = await SendAsync(Refuses(RpcErrorCodes.Rejected, "pool busy, try again"), Refuses(RpcErrorCodes.Rejected, "pool busy, try again"));

        Assert.Equal("pool busy, try again", outcome.RejectedReason);
        Assert.Null(outcome.UnreachableReason);
    }

    [Fact]
    public async Task A_validator_that_is_down_moves_on_to_the_next()
    {
        var outcome = await SendAsync(IsDown, Accepts);

        Assert.Equal("http://validator-b:8001/", outcome.AcceptedBy);
    }

    [Fact]
    public async Task A_validator_that_never_answers_costs_one_attempt_timeout()
    {
        var clock = Stopwatch.StartNew();
        var outcome = await SendAsync(Hangs, Hangs);

        Assert.False(outcome.Accepted);
        Assert.Null(outcome.RejectedReason);
        Assert.Contains($"no answer within {ChainClient.SendAttemptTimeout.TotalSeconds} s", outcome.UnreachableReason);
        // Each hanging validator is given up after its attempt timeout, not waited on for ever (a timer may fire a few
        // milliseconds before the stopwatch says so, hence the slack below).
        Assert.InRange(clock.Elapsed, 2 * ChainClient.SendAttemptTimeout - TimeSpan.FromMilliseconds(250), 2 * ChainClient.SendAttemptTimeout + TimeSpan.FromSeconds(5));
    }
}
