namespace EVoting.Chain;

/// <summary>
/// A view of the chain plus transactions not yet final (a block being validated, or a mempool), so
/// that a second vote with the same nullifier in the same block is caught like one on chain.
/// </summary>
public sealed class PendingView(IChainView chain) : IChainView
{
    private readonly Dictionary<ulong, ElectionInfo> _opened = [];
    private readonly HashSet<ulong> _closed = [];
    private readonly HashSet<ulong> _tallied = [];
    private readonly HashSet<(ulong, string)> _nullifiers = [];
    private readonly HashSet<(ulong, Hash32)> _ballotHashes = [];
    private readonly HashSet<Hash32> _transactions = [];

    public ElectionInfo? GetElection(ulong electionId) => _opened.GetValueOrDefault(electionId) ?? chain.GetElection(electionId);
    public bool IsElectionClosed(ulong electionId) => _closed.Contains(electionId) || chain.IsElectionClosed(electionId);
    public bool IsElectionTallied(ulong electionId) => _tallied.Contains(electionId) || chain.IsElectionTallied(electionId);
    public bool HasNullifier(ulong electionId, string nullifier) => _nullifiers.Contains((electionId, nullifier)) || chain.HasNullifier(electionId, nullifier);
    public bool HasBallotHash(ulong electionId, Hash32 ballotHash) => _ballotHashes.Contains((electionId, ballotHash)) || chain.HasBallotHash(electionId, ballotHash);
    public bool HasTransaction(Hash32 txHash) => _transactions.Contains(txHash) || chain.HasTransaction(txHash);

    public void Add(Transaction tx)
    {
        _transactions.Add(tx.Hash);
        switch (tx.Kind)
        {
            case TxKind.ElectionOpen:
                _opened[tx.ElectionId] = ElectionInfo.DeclaredBy(tx);
                break;
            case TxKind.ElectionClose:
                _closed.Add(tx.ElectionId);
                break;
            case TxKind.ElectionTally:
                _tallied.Add(tx.ElectionId);
                break;
            case TxKind.Vote:
                _nullifiers.Add((tx.ElectionId, tx.Nullifier));
                _ballotHashes.Add((tx.ElectionId, tx.BallotHash));
                break;
        }
    }
}
