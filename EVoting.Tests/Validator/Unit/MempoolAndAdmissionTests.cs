using System.Diagnostics;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.Configuration;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>The mempool's bounds and de-duplication, and admission through a real (unstarted) node with the real ballot rule.</summary>
public sealed class MempoolAndAdmissionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-node-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly Genesis _genesis;
    private readonly EthKey _submitter;
    private readonly EthKey _validator;
    private readonly TestTransactions _txs;
    private readonly ChainStore _store;
    private readonly ValidatorNode _node;
    private readonly ActivitySource _source = new("EVoting.Validator");

    public MempoolAndAdmissionTests()
    {
        _genesis = TestTransactions.CreateGenesis(1, out var keys, out _submitter);
        _validator = keys[0];
        _txs = new TestTransactions(_genesis, _submitter);
        var options = new NodeOptions
        {
            NodeId = "unit", Key = keys[0], Genesis = _genesis, DataDirectory = _dir, RpcPort = 0, P2PPort = 0,
            P2PHost = "127.0.0.1", AdvertiseHost = "127.0.0.1",
        };
        _store = new ChainStore(_dir);
        var peers = new PeerManager(keys[0], "unit", _genesis, "127.0.0.1", 0, NullLogger<PeerManager>.Instance);
        _node = new ValidatorNode(options, _store, new CachingBallotRule(new EVoting.Ballots.BallotRule()), peers, _source, NullLogger<ValidatorNode>.Instance);
    }

    [Fact]
    public void The_pool_refuses_duplicates_by_hash_nullifier_and_ballot_hash_and_respects_its_bounds()
    {
        var pool = new Mempool(maxCount: 2, maxBytes: 1_000_000);
        var open = _txs.Open();
        var vote = _txs.Vote(1);
        Assert.Null(pool.TryAdd(open, default));
        Assert.Equal(ValidationErrors.TxDuplicate, pool.TryAdd(open, default));
        Assert.Null(pool.TryAdd(vote, default));
        Assert.Equal(ValidationErrors.VoteDuplicateNullifier, pool.TryAdd(_txs.Vote(1, choice: 2), default));
        Assert.Equal(Mempool.PoolFull, pool.TryAdd(_txs.Vote(2), default));
        Assert.True(pool.Remove(vote.Hash));
        Assert.Equal(1, pool.Count);
        var bySize = new Mempool(maxCount: 100, maxBytes: open.Size + 10);
        Assert.Null(bySize.TryAdd(open, default));
        Assert.Equal(Mempool.PoolFull, bySize.TryAdd(_txs.Vote(3), default));
    }

    [Fact]
    public void A_final_block_removes_its_transactions_and_those_it_made_invalid_from_the_pool()
    {
        var state = new ChainState(_genesis);
        var t0 = _genesis.Timestamp * 1000;
        state.Apply(Block.Create(_genesis.ChainId, 1, state.HeadHash, t0 + 1, 0, [_txs.Open()], _validator));
        var pool = new Mempool(maxCount: 100, maxBytes: 1_000_000);
        var (included, displaced, kept) = (_txs.Vote(1), _txs.Vote(2), _txs.Vote(3));
        foreach (var tx in new[] { included, displaced, kept })
            Assert.Null(pool.TryAdd(tx, default));

        // Another proposer's block has `included` and a rival ballot of `displaced`'s voter (same nullifier).
        var block = Block.Create(_genesis.ChainId, 2, state.HeadHash, t0 + 2, 0, [included, _txs.Vote(2, choice: 2)], _validator);
        state.Apply(block);
        pool.RemoveFinal(block, state);

        Assert.Equal([kept.Hash], pool.InOrder.Select(e => e.Transaction.Hash));
        Assert.Equal(kept.Size, pool.Bytes);
        Assert.False(pool.HasNullifier(_txs.ElectionId, displaced.Nullifier));
    }

    [Fact]
    public void Admission_validates_proofs_accepts_repeats_and_traces_the_transaction()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "EVoting.Validator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        Assert.Null(_node.Admit(_txs.Open(), null));
        var vote = _txs.Vote(10);
        using (var request = _source.StartActivity("rpc eth_sendTransaction"))
        {
            _node.PreverifyBallot(vote);
            Assert.Null(_node.Admit(vote, null));
        }
        Assert.Equal(RpcRejection.AlreadyKnown, _node.Admit(vote, null)!.Code);

        var tampered = (byte[])vote.EncryptedVote.Clone();
        tampered[5] ^= 1;
        var bad = (_txs.Vote(11) with { EncryptedVote = tampered, Signature = default }).Sign(_submitter);
        Assert.Equal(RpcErrorCodes.InvalidBallot, _node.Admit(bad, null)!.Code);

        var admit = spans.First(s => s.DisplayName == "mempool.admit" && (string?)s.GetTagItem("evoting.tx_hash") == vote.Hash.ToString());
        var rpc = spans.Single(s => s.DisplayName == "rpc eth_sendTransaction");
        Assert.Equal(rpc.TraceId, admit.TraceId);
        Assert.Equal(1L, admit.GetTagItem("evoting.election_id"));
        Assert.Equal(2, _node.Mempool.Count);
    }

    [Fact]
    public void A_pending_open_admits_votes_and_a_pending_close_refuses_them_until_it_leaves_the_pool()
    {
        var vote = _txs.Vote(20);
        Assert.Equal(RpcErrorCodes.ElectionState, _node.Admit(vote, null)!.Code);
        var open = _txs.Open();
        Assert.Null(_node.Admit(open, null));
        Assert.Null(_node.Admit(vote, null));
        var rivalOpen = new TestTransactions(_genesis, _submitter, _txs.ElectionId).Open();
        Assert.Equal(RpcErrorCodes.Duplicate, _node.Admit(rivalOpen, null)!.Code);

        var close = _txs.Close();
        Assert.Null(_node.Admit(close, null));
        Assert.Equal(RpcErrorCodes.ElectionState, _node.Admit(_txs.Vote(21), null)!.Code);
        var secondClose = (close with { Timestamp = close.Timestamp + 1, Signature = default }).Sign(_submitter);
        Assert.Equal(RpcErrorCodes.ElectionState, _node.Admit(secondClose, null)!.Code);

        // A close that leaves the pool without being final (e.g. dropped) no longer closes the election.
        Assert.True(_node.Mempool.Remove(close.Hash));
        Assert.False(_node.Mempool.HasPendingClose(_txs.ElectionId));
        Assert.Null(_node.Admit(_txs.Vote(21), null));
        Assert.True(_node.Mempool.Remove(open.Hash));
        Assert.Null(_node.Mempool.PendingOpen(_txs.ElectionId));
    }

    public void Dispose()
    {
        _node.Dispose();
        _store.Dispose();
        _source.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
