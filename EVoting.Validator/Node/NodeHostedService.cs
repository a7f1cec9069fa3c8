namespace EVoting.Validator.Node;

/// <summary>Starts the node's P2P listener, event loop and consensus with the host, and stops them with it.</summary>
public sealed class NodeHostedService(ValidatorNode node) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        node.Start(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }
}
