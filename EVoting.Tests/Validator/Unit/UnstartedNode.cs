using System.Diagnostics;
using EVoting.Chain;
using EVoting.Validator.Configuration;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// A real validator node that is never started (no sockets, no event loop: admission is called directly), with a
/// one-validator genesis, its submitter and a store in a temp folder deleted on dispose.
/// </summary>
internal sealed class UnstartedNode : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-node-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly ActivitySource _source = new("EVoting.Validator");

    /// <param name="ballotRule">The rule behind the node's cache; the real BallotRule by default.</param>
    public UnstartedNode(IBallotRule? ballotRule = null)
    {
        Genesis = TestTransactions.CreateGenesis(1, out var keys, out var submitter);
        Validator = keys[0];
        Submitter = submitter;
        Txs = new TestTransactions(Genesis, Submitter);
        var options = new NodeOptions
        {
            NodeId = "unit", Key = Validator, Genesis = Genesis, DataDirectory = _dir, RpcPort = 0, P2PPort = 0,
            P2PHost = "127.0.0.1", AdvertiseHost = "127.0.0.1",
        };
        Store = new ChainStore(_dir);
        var peers = new PeerManager(Validator, "unit", Genesis, "127.0.0.1", 0, NullLogger<PeerManager>.Instance);
        Node = new ValidatorNode(options, Store, new CachingBallotRule(ballotRule ?? new EVoting.Ballots.BallotRule(), ValidatorNode.BallotCacheCapacity), peers, _source,
            NullLogger<ValidatorNode>.Instance);
    }

    public Genesis Genesis { get; }

    public EthKey Validator { get; }

    public EthKey Submitter { get; }

    public TestTransactions Txs { get; }

    public ChainStore Store { get; }

    public ValidatorNode Node { get; }

    /// <summary>The node's own ActivitySource: a test starts a parent span on it to see admission join its trace.</summary>
    public ActivitySource Source => _source;

    public void Dispose()
    {
        Node.Dispose();
        Store.Dispose();
        _source.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still closing; the folder is under /tmp
        }
    }
}
