using EVoting.Api.Votes;
using EVoting.Audit;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Blockchain;

/// <summary>
/// Makes fresh auditors (for /verify, which recomputes everything from genesis). The API checks the
/// chain, not published tallies, so its auditors do not keep decoded ballots.
/// </summary>
public sealed class AuditorFactory(ChainSettings chain, IBallotRule rule)
{
    public ChainAuditor Create() => new(chain.Genesis, rule, sumBallots: false);

    /// <summary>
    /// An auditor that takes a ballot's recorded verdict from <paramref name="verdicts"/> before proving
    /// it; room for two blocks' verdicts (they are recorded just before their block is checked).
    /// </summary>
    public ChainAuditor CreateWithVerdicts(out CachingBallotRule verdicts, IChainIndex index)
    {
        verdicts = new CachingBallotRule(rule, 2 * chain.Genesis.MaxTxsPerBlock);
        return new(chain.Genesis, verdicts, sumBallots: false, index);
    }
}

/// <summary>
/// The long-lived incremental audit behind /stats. <see cref="ChainStatsFollower"/> keeps it up with
/// the chain in the background; a request checks what is new within a time budget and otherwise
/// answers with what is verified so far, so /stats stays fast after a restart with a long chain
/// (every ballot proof is re-checked: ~2 ms each) or under a heavy vote load. The follower works
/// in slices of the same budget, so the verified height moves while it catches up and a request
/// never waits long for the auditor. A ballot the submit path already proved is not proven again
/// (<see cref="SubmitVerdictSource"/>), across restarts too: the verdict is the outbox row. Its per-vote
/// indexes are in a temporary SQLite database, not the heap: they grow with every vote for the life of the
/// process (docs/benchmarks.md, "Memory").
/// </summary>
public sealed class ChainStatsAuditor : IDisposable
{
    private readonly SqliteChainIndex _index = SqliteChainIndex.Temporary();
    private readonly ChainAuditor _auditor;
    private readonly CachingBallotRule _verdicts;
    private readonly ChainClient _chain;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeSpan _budget;

    public ChainStatsAuditor(AuditorFactory factory, ChainClient chain, IServiceScopeFactory scopes, IOptions<StatsOptions> options)
    {
        _auditor = factory.CreateWithVerdicts(out _verdicts, _index);
        _chain = chain;
        _scopes = scopes;
        _budget = TimeSpan.FromMilliseconds(options.Value.RequestBudgetMs);
    }

    /// <summary>New blocks checked for at most the budget, then the report so far.</summary>
    public Task<AuditReport> AdvanceAsync(CancellationToken ct) =>
        _auditor.AdvanceAsync(new SubmitVerdictSource(new ChainBlockSource(_chain), _verdicts, LookupAsync), ct, _budget);

    private async Task<IReadOnlyDictionary<string, string>> LookupAsync(IReadOnlyList<string> txHashes, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IVoteStore>().SubmitVerdictsAsync(txHashes, ct);
    }

    public void Dispose() => _index.Dispose();
}

/// <summary>Advances the stats audit every few seconds (Stats:FollowIntervalMs), from the API's start.</summary>
public sealed class ChainStatsFollower(ChainStatsAuditor stats, ChainClient chain, IOptions<StatsOptions> options, ILogger<ChainStatsFollower> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FollowIntervalMs));
        do
        {
            try
            {
                // Slice by slice until caught up with the height seen at the start of this tick, or
                // until a slice makes no progress (a block not readable yet: the next tick retries).
                var height = await chain.GetHeightAsync(stoppingToken);
                ulong? previous = null;
                for (var report = await stats.AdvanceAsync(stoppingToken);
                     report.CheckedBlocks < height && report.CheckedBlocks != previous;
                     report = await stats.AdvanceAsync(stoppingToken))
                    previous = report.CheckedBlocks;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Validators down or a block not readable yet: the next tick tries again.
                log.LogDebug("Stats audit did not advance: {Message}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
