using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Chain;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// A chain for the API's services: sent transactions wait in a pool until <see cref="Seal"/> puts
/// them in the next block, which is final at once. Can refuse every transaction, or be unreachable.
/// </summary>
internal sealed class InMemoryChain(Genesis genesis, EthKey proposer) : IChainGateway
{
    private readonly List<Transaction> _pool = [];
    private readonly List<Block> _blocks = [];

    /// <summary>When set, every send is refused with this reason.</summary>
    public string? RefuseWith { get; set; }

    /// <summary>When true, no validator answers.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When true, each send is sealed into a block at once.</summary>
    public bool SealOnSend { get; set; }

    /// <summary>Runs on every locate (tests advance a fake clock with it).</summary>
    public Action? OnLocate { get; set; }

    public IReadOnlyList<Transaction> Pool => _pool;
    public IReadOnlyList<Block> Blocks => _blocks;
    public int Sends { get; private set; }

    public Task<SendOutcome> SendAsync(Transaction tx, CancellationToken ct)
    {
        Sends++;
        if (Unreachable)
            return Task.FromResult(new SendOutcome(null, null, "validator-1: connection refused"));
        if (RefuseWith is { } reason)
            return Task.FromResult(new SendOutcome(null, reason, null));
        if (!_pool.Any(t => t.Hash == tx.Hash) && Locate(tx.Hash) is null)
            _pool.Add(tx);
        if (SealOnSend)
            Seal();
        return Task.FromResult(new SendOutcome("http://validator-1:8001/", null, null));
    }

    /// <summary>The pool's transactions in a new final block.</summary>
    public Block Seal()
    {
        var previous = _blocks.Count == 0 ? genesis.GenesisBlock : _blocks[^1];
        var block = Block.Create(genesis.ChainId, previous.Index + 1, previous.Hash, previous.Header.TimestampMs + 1000, 0, _pool.ToList(), proposer);
        _blocks.Add(block);
        _pool.Clear();
        return block;
    }

    public Task<TxPosition> LocateAsync(Hash32 txHash, CancellationToken ct)
    {
        OnLocate?.Invoke();
        if (Unreachable)
            throw new ValidatorsUnreachableException("validator-1: connection refused");
        return Task.FromResult(Locate(txHash) is var (block, index)
            ? new TxPosition(TxStatus.Final, block.Index, block, index, "http://validator-1:8001/")
            : new TxPosition(TxStatus.Pending, null, null, -1, null));
    }

    public Task<Block?> GetFinalBlockAsync(ulong number, CancellationToken ct) =>
        Unreachable
            ? throw new ValidatorsUnreachableException("validator-1: connection refused")
            : Task.FromResult(_blocks.SingleOrDefault(b => b.Index == number));

    private (Block Block, int Index)? Locate(Hash32 txHash)
    {
        foreach (var block in _blocks)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                if (block.Transactions[i].Hash == txHash)
                    return (block, i);
            }
        }
        return null;
    }
}
