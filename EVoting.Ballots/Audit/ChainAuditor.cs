using EVoting.Chain;

namespace EVoting.Ballots.Audit;

/// <summary>
/// Re-checks a chain from genesis with nothing but the genesis and the blocks: every block's hash,
/// link, proposer schedule and signature, timestamp, transactions root, commit certificate (quorum
/// of distinct validator precommits), every transaction (signer, nullifier and ballot-hash
/// uniqueness, election open/closed) and every ballot proof. It keeps going after an error so the
/// report lists all of them. Incremental: <see cref="AdvanceAsync"/> continues from the last block
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
    private readonly TransactionValidator _txValidator;
    private readonly IBallotRule _ballotRule;
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

    public ChainAuditor(Genesis genesis, IBallotRule ballotRule, bool sumBallots = true)
    {
        _genesis = genesis;
        _sumBallots = sumBallots;
        _ballotRule = ballotRule;
        _txValidator = new TransactionValidator(genesis, ballotRule);
        _validator = new BlockValidator(_txValidator);
        _state = new ChainState(genesis);
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

    private void Check(ulong n, Block block)
    {
        if (block.Index != n)
            AddError($"block {n}: carries index {block.Index}");
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (!_validator.ValidateCommit(block, out var commitError))
            AddError($"block {n}: {commitError}");
        if (!_validator.ValidateHeader(block, _state.Head, _state.HeadHash, nowMs, out var headerError))
            AddError($"block {n}: {headerError}");
        if (!_validator.ValidateBody(block, out var bodyError))
            AddError($"block {n}: {bodyError}");
        CheckTransactions(n, block);
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

    /// <summary>Each transaction on its own, so one bad ballot is named rather than hiding the rest.</summary>
    private void CheckTransactions(ulong n, Block block)
    {
        var pending = new PendingView(_state);
        var accepted = new List<(int Index, Transaction Tx)>();
        var votes = new List<(ElectionInfo Election, Transaction Vote)>();
        var voteSlots = new List<int>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (!_txValidator.ValidateStateless(tx, out var reason) || !_txValidator.ValidateAgainst(tx, pending, out reason))
            {
                Invalid(n, i, tx, reason);
                continue;
            }
            if (tx.Kind == TxKind.Vote && pending.GetElection(tx.ElectionId) is { } election)
            {
                voteSlots.Add(accepted.Count);
                votes.Add((election, tx));
            }
            pending.Add(tx);
            accepted.Add((i, tx));
        }
        // Ballot proofs of the whole block as one batch (the costly part of an audit).
        var proofErrors = votes.Count > 0 ? _ballotRule.VerifyBatch(votes) : [];
        var rejected = new HashSet<int>();
        for (var v = 0; v < votes.Count; v++)
        {
            if (proofErrors[v] is not null)
                rejected.Add(voteSlots[v]);
        }
        for (var a = 0; a < accepted.Count; a++)
        {
            var (i, tx) = accepted[a];
            if (rejected.Contains(a))
                Invalid(n, i, tx, $"{ValidationErrors.VoteInvalidBallot}: {proofErrors[voteSlots.IndexOf(a)]}");
            else
                Record(tx);
        }
    }

    private void Invalid(ulong n, int i, Transaction tx, string? reason)
    {
        AddError($"block {n} tx {i} ({tx.Hash}): {reason}");
        if (tx.Kind == TxKind.Vote && _elections.TryGetValue(tx.ElectionId, out var e))
            e.InvalidBallots++;
    }

    private void Record(Transaction tx)
    {
        switch (tx.Kind)
        {
            case TxKind.ElectionOpen:
                _elections[tx.ElectionId] = new AuditedElection(new Election(tx.ElectionId, tx.PublicKey, tx.Candidates, tx.MaxSelections), _sumBallots);
                break;
            case TxKind.ElectionClose when _elections.TryGetValue(tx.ElectionId, out var closed):
                closed.Closed = true;
                break;
            case TxKind.Vote when _elections.TryGetValue(tx.ElectionId, out var e):
                _votes++;
                e.ValidBallotCount++;
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
