using EVoting.Ballots;
using EVoting.Chain;

namespace EVoting.Audit;

/// <summary>
/// Re-checks a chain from genesis with nothing but the genesis and the blocks, by the node's own
/// final-block rules (<see cref="BlockValidator"/>): every block's hash, link, proposer schedule and
/// signature, timestamp, transactions root, commit certificate (quorum of distinct validator
/// precommits), every transaction (signer, nullifier and ballot-hash uniqueness, election
/// open/closed) and every ballot proof; and that no election has more valid ballots than the roll
/// size its election_open declared (docs/voter-roll.md). It keeps going after an error so the report lists all of them. Incremental: <see cref="AdvanceAsync"/> continues from the last block
/// checked, so a long-lived auditor (the API's stats) only checks new blocks.
/// With <c>sumBallots</c>, each election's valid ballots are summed as they are checked (a running
/// aggregate, constant memory) so <see cref="TallyAudit"/> can check a published tally; a chain
/// check alone (the API's) skips that cost: decoding the ciphertexts again and 2K point additions
/// per ballot.
/// </summary>
public sealed class ChainAuditor
{
    private const int MaxErrors = 1000;
    private const int KeptTimestamps = 256;
    private readonly Genesis _genesis;
    private readonly BlockValidator _validator;
    private readonly ChainState _state;
    private readonly List<string> _errors = [];
    private readonly Dictionary<ulong, AuditedElection> _elections = [];
    private readonly List<long> _timestamps = [];
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly bool _sumBallots;
    private AuditReport _last;
    private ulong _checked;
    private int _votes;
    private bool _genesisChecked;

    /// <param name="index">Where the chain's per-vote indexes are kept (the caller's to dispose); null for the heap.</param>
    public ChainAuditor(Genesis genesis, IBallotRule ballotRule, bool sumBallots = true, IChainIndex? index = null)
    {
        _genesis = genesis;
        _sumBallots = sumBallots;
        _validator = new BlockValidator(new TransactionValidator(genesis, ballotRule));
        _state = new ChainState(genesis, index);
        _last = Report();
    }

    /// <summary>The report as of the end of the last advance (nothing checked yet: an empty one).</summary>
    public AuditReport LastReport => Volatile.Read(ref _last);

    /// <summary>
    /// Checks every block after the last one checked up to the source's height. With a
    /// <paramref name="budget"/>, stops after that much time (between blocks; what it checked is
    /// kept for the next call) and, when another advance holds the auditor for longer than the
    /// budget, returns <see cref="LastReport"/> without checking anything.
    /// </summary>
    public async Task<AuditReport> AdvanceAsync(IBlockSource source, CancellationToken ct, TimeSpan? budget = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!await _lock.WaitAsync(budget ?? Timeout.InfiniteTimeSpan, ct))
            return LastReport;
        try
        {
            if (!_genesisChecked)
            {
                var block0 = await source.GetBlockAsync(0, ct);
                if (block0 is null)
                    AddError("block 0: missing");
                else if (block0.Hash != _genesis.Hash)
                    AddError($"block 0: hash {block0.Hash} is not this genesis ({_genesis.Hash})");
                _genesisChecked = true;
            }
            var height = await source.GetHeightAsync(ct);
            while (_checked < height)
            {
                var n = _checked + 1;
                var block = await source.GetBlockAsync(n, ct);
                if (block is null)
                {
                    AddError($"block {n}: missing although the height is {height}");
                    break;
                }
                Check(n, block);
                _checked = n;
                if (budget is { } b && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= b)
                    break;
            }
            var report = Report();
            Volatile.Write(ref _last, report);
            return report;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The final-block rules of <see cref="BlockValidator.FinalBlockFaults"/>, every fault reported;
    /// the transactions that pass are recorded, so one bad ballot is named without hiding the rest.
    /// </summary>
    private void Check(ulong n, Block block)
    {
        if (block.Index != n)
            AddError($"block {n}: carries index {block.Index}");
        var invalid = new HashSet<int>();
        foreach (var fault in _validator.FinalBlockFaults(block, _state, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
        {
            if (fault.TxIndex is { } i)
            {
                invalid.Add(i);
                Invalid(n, i, block.Transactions[i], fault.Reason);
            }
            else
            {
                AddError($"block {n}: {fault.Reason}");
            }
        }
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (!invalid.Contains(i))
                Record(n, block.Transactions[i]);
        }
        try
        {
            _state.Apply(block);
        }
        catch (InvalidOperationException ex)
        {
            AddError($"block {n}: cannot extend the chain: {ex.Message}");
        }
        _timestamps.Add(block.Header.TimestampMs);
        if (_timestamps.Count > KeptTimestamps)
            _timestamps.RemoveAt(0);
    }

    private void Invalid(ulong n, int i, Transaction tx, string reason)
    {
        AddError($"block {n} tx {i} ({tx.Hash}): {reason}");
        if (tx.Kind == TxKind.Vote && _elections.TryGetValue(tx.ElectionId, out var e))
            e.InvalidBallots++;
    }

    private void Record(ulong n, Transaction tx)
    {
        switch (tx.Kind)
        {
            case TxKind.ElectionOpen:
                _elections[tx.ElectionId] = new AuditedElection(new Election(tx.ElectionId, tx.PublicKey, tx.Candidates, tx.MaxSelections), _sumBallots, tx.RollSize)
                {
                    Title = tx.Title, CandidateNames = tx.CandidateNames, Ceremony = tx.Ceremony,
                };
                break;
            case TxKind.ElectionTally when _elections.TryGetValue(tx.ElectionId, out var tallied):
                tallied.Tally = tx;
                break;
            case TxKind.ElectionClose when _elections.TryGetValue(tx.ElectionId, out var closed):
                closed.Closed = true;
                break;
            case TxKind.Vote when _elections.TryGetValue(tx.ElectionId, out var e):
                _votes++;
                e.ValidBallotCount++;
                // Reported once, at the first ballot beyond the roll: every ballot counts, so the tally would be wrong.
                if (e.RollSize is { } size && (ulong)e.ValidBallotCount == size + 1)
                    AddError($"block {n} tx ({tx.Hash}): election {tx.ElectionId} has more final ballots than its roll of {size} voters");
                e.Sums?.Add(BallotWire.Decode(tx.ElectionId, tx.EncryptedVote, tx.Proof, e.Election.Candidates, e.Election.MaxSelections));
                break;
        }
    }

    private void AddError(string error)
    {
        if (_errors.Count < MaxErrors)
            _errors.Add(error);
    }

    private AuditReport Report() => new(_checked, _votes, _errors.ToArray(), new Dictionary<ulong, AuditedElection>(_elections), _timestamps.ToArray());
}
