using System.Diagnostics;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.Node;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>The mempool's bounds and de-duplication, and admission through a real (unstarted) node with the real ballot rule.</summary>
public sealed class MempoolAndAdmissionTests : IDisposable
{
    private readonly UnstartedNode _unit = new();

    [Fact]
    public void The_pool_refuses_duplicates_by_hash_nullifier_and_ballot_hash_and_respects_its_bounds()
    {
        var pool = new Mempool(maxCount: 2, maxBytes: 1_000_000);
        var open = _unit.Txs.Open();
        var vote = _unit.Txs.Vote(1);
        Assert.Null(pool.TryAdd(open, default));
        Assert.Equal(ValidationErrors.TxDuplicate, pool.TryAdd(open, default));
        Assert.Null(pool.TryAdd(vote, default));
        Assert.Equal(ValidationErrors.VoteDuplicateNullifier, pool.TryAdd(_unit.Txs.Vote(1, choice: 2), default));
        Assert.Equal(Mempool.PoolFull, pool.TryAdd(_unit.Txs.Vote(2), default));
        Assert.True(pool.Remove(vote.Hash));
        Assert.Equal(1, pool.Count);
        var bySize = new Mempool(maxCount: 100, maxBytes: open.Size + 10);
        Assert.Null(bySize.TryAdd(open, default));
        Assert.Equal(Mempool.PoolFull, bySize.TryAdd(_unit.Txs.Vote(3), default));
    }

    [Fact]
    public void A_final_block_removes_its_transactions_and_those_it_made_invalid_from_the_pool()
    {
        var state = new ChainState(_unit.Genesis);
        var t0 = _unit.Genesis.Timestamp * 1000;
        state.Apply(Block.Create(_unit.Genesis.ChainId, 1, state.HeadHash, t0 + 1, 0, [_unit.Txs.Open()], _unit.Validator));
        var pool = new Mempool(maxCount: 100, maxBytes: 1_000_000);
        var (included, displaced, kept) = (_unit.Txs.Vote(1), _unit.Txs.Vote(2), _unit.Txs.Vote(3));
        foreach (var tx in new[] { included, displaced, kept })
            Assert.Null(pool.TryAdd(tx, default));

        // Another proposer's block has `included` and a rival ballot of `displaced`'s voter (same nullifier).
        var block = Block.Create(_unit.Genesis.ChainId, 2, state.HeadHash, t0 + 2, 0, [included, _unit.Txs.Vote(2, choice: 2)], _unit.Validator);
        state.Apply(block);
        pool.RemoveFinal(block, state);

        Assert.Equal([kept.Hash], pool.InOrder.Select(e => e.Transaction.Hash));
        Assert.Equal(kept.Size, pool.Bytes);
        Assert.False(pool.HasNullifier(_unit.Txs.ElectionId, displaced.Nullifier));
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

        Assert.Null(_unit.Node.Admit(_unit.Txs.Open()));
        var vote = _unit.Txs.Vote(10);
        using (var request = _unit.Source.StartActivity("rpc eth_sendTransaction"))
        {
            _unit.Node.PreverifyBallot(vote);
            Assert.Null(_unit.Node.Admit(vote));
        }
        Assert.Equal(RpcRejection.AlreadyKnown, _unit.Node.Admit(vote)!.Code);

        var tampered = (byte[])vote.EncryptedVote.Clone();
        tampered[5] ^= 1;
        var bad = (_unit.Txs.Vote(11) with { EncryptedVote = tampered, Signature = default }).Sign(_unit.Submitter);
        Assert.Equal(RpcErrorCodes.InvalidBallot, _unit.Node.Admit(bad)!.Code);

        var admit = spans.First(s => s.DisplayName == "mempool.admit" && (string?)s.GetTagItem("evoting.tx_hash") == vote.Hash.ToString());
        var rpc = spans.Single(s => s.DisplayName == "rpc eth_sendTransaction");
        Assert.Equal(rpc.TraceId, admit.TraceId);
        Assert.Equal(1L, admit.GetTagItem("evoting.election_id"));
        Assert.Equal(2, _unit.Node.Mempool.Count);
    }

    [Fact]
    public void A_pending_open_admits_votes_and_a_pending_close_refuses_them_until_it_leaves_the_pool()
    {
        var vote = _unit.Txs.Vote(20);
        Assert.Equal(RpcErrorCodes.ElectionState, _unit.Node.Admit(vote)!.Code);
        var open = _unit.Txs.Open();
        Assert.Null(_unit.Node.Admit(open));
        Assert.Null(_unit.Node.Admit(vote));
        var rivalOpen = new TestTransactions(_unit.Genesis, _unit.Submitter, _unit.Txs.ElectionId).Open();
        Assert.Equal(RpcErrorCodes.Duplicate, _unit.Node.Admit(rivalOpen)!.Code);

        var close = _unit.Txs.Close();
        Assert.Null(_unit.Node.Admit(close));
        Assert.Equal(RpcErrorCodes.ElectionState, _unit.Node.Admit(_unit.Txs.Vote(21))!.Code);
        var secondClose = (close with { Timestamp = close.Timestamp + 1, Signature = default }).Sign(_unit.Submitter);
        Assert.Equal(RpcErrorCodes.ElectionState, _unit.Node.Admit(secondClose)!.Code);

        // A close that leaves the pool without being final (e.g. dropped) no longer closes the election.
        Assert.True(_unit.Node.Mempool.Remove(close.Hash));
        Assert.False(_unit.Node.Mempool.HasPendingClose(_unit.Txs.ElectionId));
        Assert.Null(_unit.Node.Admit(_unit.Txs.Vote(21)));
        Assert.True(_unit.Node.Mempool.Remove(open.Hash));
        Assert.Null(_unit.Node.Mempool.PendingOpen(_unit.Txs.ElectionId));
    }

    public void Dispose() => _unit.Dispose();
}
