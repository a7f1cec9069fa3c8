using Xunit;

namespace EVoting.Tests.Validator.Processes;

/// <summary>
/// One validator process with a one-validator genesis (quorum 1, so it finalizes alone) and an open
/// election: shared by the JSON-RPC tests.
/// </summary>
public sealed class SingleValidatorFixture : IAsyncLifetime
{
    internal TestNetwork Net { get; } = new(validators: 1, blockPeriodMs: 100, roundTimeoutMs: 500);

    internal TestTransactions Txs { get; private set; } = null!;

    internal NodeProcess Node => Net.Validators[0];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await Net.StartAsync(ct);
        Txs = new TestTransactions(Net.Genesis, Net.Submitter);
        var open = await Net.SendAsync(Node, Txs.Open(), ct);
        await TestNetwork.WaitUntilAsync(() => Net.IsFinalAsync(Node, open, ct), TimeSpan.FromSeconds(90), "election open final", ct);
    }

    public async ValueTask DisposeAsync() => await Net.DisposeAsync();
}
