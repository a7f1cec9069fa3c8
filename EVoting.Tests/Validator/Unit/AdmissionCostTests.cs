using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.Node;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// Admission does the cheap checks first and remembers what a transaction is: junk with a bad signature costs no
/// proof check, a ballot whose proof failed is not checked again when resent, and neither verdict can stick to a
/// genuine transaction or outlive a change of the chain (the real ballot rule, with its calls counted).
/// </summary>
public sealed class AdmissionCostTests : IDisposable
{
    private readonly CountingBallotRule _proofs = new(new EVoting.Ballots.BallotRule());
    private readonly UnstartedNode _unit;

    public AdmissionCostTests() => _unit = new UnstartedNode(_proofs);

    private RpcRejection? Send(Transaction tx)
    {
        _unit.Node.PreverifyBallot(tx);
        return _unit.Node.Admit(tx);
    }

    [Fact]
    public void A_hundred_votes_signed_by_a_stranger_cost_no_proof_check()
    {
        Assert.Null(Send(_unit.Txs.Open()));
        var stranger = EthKey.Generate();
        for (var i = 0; i < 100; i++)
        {
            var junk = (_unit.Txs.Vote(100 + i) with { Signature = default }).Sign(stranger);
            Assert.Equal(RpcErrorCodes.BadSignature, Send(junk)!.Code);
        }
        Assert.Equal(0, _proofs.Calls);
    }

    [Fact]
    public void A_ballot_whose_proof_failed_is_checked_once_however_often_it_is_resent()
    {
        Assert.Null(Send(_unit.Txs.Open()));
        var vote = _unit.Txs.Vote(1);
        var tampered = (byte[])vote.Proof.Clone();
        tampered[^1] ^= 1;
        var bad = (vote with { Proof = tampered, Signature = default }).Sign(_unit.Submitter);
        for (var i = 0; i < 10; i++)
            Assert.Equal(RpcErrorCodes.InvalidBallot, Send(bad)!.Code);
        Assert.Equal(1, _proofs.Calls);
    }

    [Fact]
    public void A_refused_copy_with_a_forged_signature_does_not_stand_for_the_genuine_transaction()
    {
        Assert.Null(Send(_unit.Txs.Open()));
        var vote = _unit.Txs.Vote(2);
        var forged = vote with { Signature = EthKey.Generate().Sign(vote.Hash) };
        Assert.Equal(vote.Hash, forged.Hash);
        Assert.Equal(RpcErrorCodes.BadSignature, Send(forged)!.Code);
        Assert.Null(Send(vote));
    }

    [Fact]
    public void A_refusal_that_depends_on_the_chain_is_not_remembered()
    {
        var vote = _unit.Txs.Vote(3);
        Assert.Equal(RpcErrorCodes.ElectionState, Send(vote)!.Code); // no election yet
        Assert.Null(Send(_unit.Txs.Open()));
        Assert.Null(Send(vote));
    }

    /// <summary>The real rule, counting the proofs it is asked to check.</summary>
    private sealed class CountingBallotRule(IBallotRule inner) : IBallotRule
    {
        private int _calls;

        public int Calls => _calls;

        public bool Verify(ElectionInfo election, Transaction vote, out string? error)
        {
            Interlocked.Increment(ref _calls);
            return inner.Verify(election, vote, out error);
        }

        public string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
        {
            Interlocked.Add(ref _calls, items.Count);
            return inner.VerifyBatch(items);
        }
    }

    public void Dispose() => _unit.Dispose();
}
