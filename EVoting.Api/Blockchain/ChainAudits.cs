using EVoting.Ballots.Audit;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

/// <summary>Makes fresh auditors (for /verify, which recomputes everything from genesis).</summary>
public sealed class AuditorFactory(ChainSettings chain, IBallotRule rule)
{
    public ChainAuditor Create() => new(chain.Genesis, rule);
}

/// <summary>The long-lived incremental audit behind /stats: each call checks only new blocks.</summary>
public sealed class ChainStatsAuditor(AuditorFactory factory, ChainClient chain)
{
    private readonly ChainAuditor _auditor = factory.Create();

    public Task<AuditReport> AdvanceAsync(CancellationToken ct) => _auditor.AdvanceAsync(new ChainBlockSource(chain), ct);
}
