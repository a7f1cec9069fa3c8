using System.Diagnostics;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Validator.P2P;
using EVoting.Validator.Telemetry;

namespace EVoting.Validator.Node;

/// <summary>Why a transaction was not admitted, with its JSON-RPC error code (<see cref="RpcErrorCodes"/>, docs/validator.md).</summary>
public sealed record RpcRejection(int Code, string Message)
{
    /// <summary>Not an error for the client: the transaction is already pending or final (idempotent send).</summary>
    public const int AlreadyKnown = 1;

    public static RpcRejection From(string reason) => new(reason switch
    {
        ValidationErrors.TxDuplicate => AlreadyKnown,
        ValidationErrors.TxBadSignature or ValidationErrors.TxUnauthorizedSubmitter => RpcErrorCodes.BadSignature,
        ValidationErrors.VoteDuplicateNullifier or ValidationErrors.VoteDuplicateBallotHash or ValidationErrors.ElectionExists => RpcErrorCodes.Duplicate,
        ValidationErrors.ElectionUnknown or ValidationErrors.ElectionClosed => RpcErrorCodes.ElectionState,
        Mempool.PoolFull => RpcErrorCodes.PoolFull,
        _ when reason.StartsWith(ValidationErrors.VoteInvalidBallot, StringComparison.Ordinal) => RpcErrorCodes.InvalidBallot,
        _ => RpcErrorCodes.Rejected,
    }, reason);
}

public sealed partial class NodeCore
{
    /// <summary>
    /// Mempool admission (RPC or gossip): known transactions are accepted again
    /// without error (idempotent); new ones are validated in full against the chain plus the pool,
    /// cheapest checks first (a refusal remembered, then size, signature and signer, then the chain,
    /// then the ballot proofs), added, and gossiped to every peer but the one it came from.
    /// </summary>
    private RpcRejection? Admit(Transaction tx, Address? from)
    {
        using var span = Telemetry.Source.StartActivity("mempool.admit");
        span?.SetTag(ValidatorTelemetry.TxHash, tx.Hash.ToString());
        span?.SetTag(ValidatorTelemetry.ElectionId, (long)tx.ElectionId);
        if (State.HasTransaction(tx.Hash) || Mempool.Contains(tx.Hash))
            return new RpcRejection(RpcRejection.AlreadyKnown, "already known");
        var view = new MempoolView(State, Mempool);
        if (Refusal(tx, view) is { } error)
        {
            span?.SetStatus(ActivityStatusCode.Error, error);
            return RpcRejection.From(error);
        }
        var poolError = Mempool.TryAdd(tx, span?.Context ?? default);
        if (poolError is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, poolError);
            return RpcRejection.From(poolError);
        }
        if (_seen.Add(tx.Hash))
        {
            using var send = Telemetry.Source.StartActivity("p2p.send new_transaction", ActivityKind.Producer);
            _effects.Add(new BroadcastToPeers(new NewTransaction(tx) { Traceparent = send?.Id }, from));
        }
        return null;
    }

    /// <summary>Why <paramref name="tx"/> cannot be admitted now, or null; intrinsic refusals are remembered.</summary>
    private string? Refusal(Transaction tx, IChainView view)
    {
        var election = tx.Kind == TxKind.Vote ? view.GetElection(tx.ElectionId) : null;
        if (_rejected.Find(tx, election?.PublicKey) is { } known)
            return known;
        if (!_txValidator.ValidateStateless(tx, out var error))
        {
            _rejected.Remember(tx, error, electionKey: null);
            return error;
        }
        if (!_txValidator.ValidateAgainst(tx, view, out error))
            return error; // depends on the chain: may pass later
        if (tx.Kind == TxKind.Vote && !_txValidator.VerifyBallot(tx, view, out error))
        {
            _rejected.Remember(tx, error, election!.PublicKey);
            return error;
        }
        return null;
    }

    /// <summary>A vote whose signature, signer and size pass: worth a proof check before admission. Thread-safe.</summary>
    public bool IsVoteToPreverify(Transaction tx) => tx.Kind == TxKind.Vote && _txValidator.ValidateStateless(tx, out _);

    /// <summary>
    /// The election whose key the ballot proofs of <paramref name="vote"/> (passed <see cref="IsVoteToPreverify"/>) would
    /// be checked against now, when the vote is new; else null. Reads the state: the caller serializes it with
    /// <see cref="Handle"/> (the node's loop lock).
    /// </summary>
    public ElectionInfo? ElectionToPreverify(Transaction vote)
    {
        var tx = vote;
        if (State.HasTransaction(tx.Hash) || Mempool.Contains(tx.Hash))
            return null;
        return new MempoolView(State, Mempool).GetElection(tx.ElectionId);
    }

    /// <summary>
    /// Verifies a vote's ballot proofs against <paramref name="election"/> (from <see cref="ElectionToPreverify"/>) on
    /// the caller's thread (an RPC request or a peer's read loop), not on the event loop: a success is cached by the
    /// ballot rule and a failure in the refused transactions, so admission checks no proof again. Thread-safe.
    /// </summary>
    public void PreverifyBallot(ElectionInfo election, Transaction tx)
    {
        if (_rejected.Find(tx, election.PublicKey) is not null)
            return;
        if (!_ballotRule.Verify(election, tx, out var error))
            _rejected.Remember(tx, ValidationErrors.VoteInvalidBallot + ": " + error, election.PublicKey);
    }

    /// <summary>The chain plus the pool, so a second vote with a pending nullifier is refused like one on chain.</summary>
    private sealed class MempoolView(ChainState chain, Mempool pool) : IChainView
    {
        public ElectionInfo? GetElection(ulong electionId) =>
            chain.GetElection(electionId) ?? (pool.PendingOpen(electionId) is { } open ? ElectionInfo.DeclaredBy(open) : null);
        public bool IsElectionClosed(ulong electionId) => chain.IsElectionClosed(electionId) || pool.HasPendingClose(electionId);
        public bool IsElectionTallied(ulong electionId) => chain.IsElectionTallied(electionId) || pool.HasPendingTally(electionId);
        public bool HasNullifier(ulong electionId, string nullifier) => chain.HasNullifier(electionId, nullifier) || pool.HasNullifier(electionId, nullifier);
        public bool HasBallotHash(ulong electionId, Hash32 ballotHash) => chain.HasBallotHash(electionId, ballotHash) || pool.HasBallotHash(electionId, ballotHash);
        public bool HasTransaction(Hash32 txHash) => chain.HasTransaction(txHash) || pool.Contains(txHash);
    }
}
