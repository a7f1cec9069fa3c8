using EVoting.Ballots.Audit;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>
/// Makes fresh auditors (for /verify, which recomputes everything from genesis). The API checks the
/// chain, not published tallies, so its auditors do not keep decoded ballots.
/// </summary>
public sealed class AuditorFactory(ChainSettings chain, IBallotRule rule)
{
    public ChainAuditor Create() => new(chain.Genesis, rule, keepBallots: false);
}

/// <summary>
/// The long-lived incremental audit behind /stats. <see cref="ChainStatsFollower"/> keeps it up with
/// the chain in the background; a request checks what is new within a time budget and otherwise
/// answers with what is verified so far, so /stats stays fast after a restart with a long chain
/// (every ballot proof is re-checked: ~2 ms each) or under a heavy vote load.
/// </summary>
public sealed class ChainStatsAuditor(AuditorFactory factory, ChainClient chain, IConfiguration config)
{
    private readonly ChainAuditor _auditor = factory.Create();
    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(config.GetValue("Stats:RequestBudgetMs", 1500));

    /// <summary>For a request: new blocks checked for at most the budget, then the report so far.</summary>
    public Task<AuditReport> CurrentAsync(CancellationToken ct) => _auditor.AdvanceAsync(new ChainBlockSource(chain), ct, _budget);

    /// <summary>For the background follower: everything new, however long it takes.</summary>
    public Task<AuditReport> AdvanceAsync(CancellationToken ct) => _auditor.AdvanceAsync(new ChainBlockSource(chain), ct);
}

/// <summary>Advances the stats audit every few seconds (Stats:FollowIntervalMs), from the API's start.</summary>
public sealed class ChainStatsFollower(ChainStatsAuditor stats, IConfiguration config, ILogger<ChainStatsFollower> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(config.GetValue("Stats:FollowIntervalMs", 5000)));
        do
        {
            try
            {
                await stats.AdvanceAsync(stoppingToken);
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
