using EVoting.Api.Blockchain;
using EVoting.Api.Extensions;
using EVoting.Api.Outcomes;
using EVoting.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

public sealed class BlockchainServices(ChainClient chain, ChainStatsAuditor stats, AuditorFactory auditors, ValidatorHealth health, VerifyCache verified)
{
    public VerifyCache Verified { get; } = verified;
    public ChainClient Chain { get; } = chain;
    public ChainStatsAuditor Stats { get; } = stats;
    public AuditorFactory Auditors { get; } = auditors;
    public ValidatorHealth Health { get; } = health;
}

public static class BlockchainApi
{
    public const int MaxBlocksPerPage = 100;

    public static IEndpointRouteBuilder MapBlockchainApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/blockchain").WithTags("Blockchain");
        api.MapGet("stats", Stats).ProducesProblems(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("verify", Verify).RequireRateLimiting(RateLimits.Verify).ProducesProblems(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        api.MapGet("blocks", Blocks).ProducesProblems(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("blocks/{number}", BlockByNumber).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);

        app.MapGroup("api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .MapGet("validators/health", ValidatorsHealth);
        return app;
    }

    public static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> Stats([AsParameters] BlockchainServices s, CancellationToken ct)
    {
        var healthTask = s.Health.CheckAsync(ct);
        AuditReport report;
        try
        {
            report = await s.Stats.AdvanceAsync(ct);
        }
        catch (ValidatorsUnreachableException ex)
        {
            return Problems.Unavailable("No validator answered: " + ex.Message);
        }
        var validators = (await healthTask).Select(v => new StatsValidator(v.NodeId, v.Address, v.Reachable, v.Height)).ToArray();
        var ts = report.BlockTimestampsMs;
        double? avg = ts.Count >= 2 ? (double)(ts[^1] - ts[0]) / (ts.Count - 1) : null;
        // Validators only report final heights; the audit is never ahead of them, but take the larger
        // in case none answered the health check.
        var height = Math.Max(validators.Max(v => v.Height) ?? 0, report.CheckedBlocks);
        return TypedResults.Ok(new StatsResponse(height + 1, report.TotalVotes, height, report.ChainValid, validators, avg, report.CheckedBlocks));
    }

    /// <summary>
    /// Recomputes everything from genesis with a fresh auditor (the stats keep an incremental one) when
    /// the chain has grown since the last re-check; otherwise answers with that one (VerifyCache).
    /// </summary>
    public static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> Verify([AsParameters] BlockchainServices s, CancellationToken ct)
    {
        try
        {
            var height = await s.Chain.GetHeightAsync(ct);
            return TypedResults.Ok(await s.Verified.GetAsync(height, async token =>
            {
                var report = await s.Auditors.Create().AdvanceAsync(new ChainBlockSource(s.Chain), token);
                return new VerifyResponse(report.ChainValid, report.CheckedBlocks, report.TotalVotes, report.Errors);
            }, ct));
        }
        catch (ValidatorsUnreachableException ex)
        {
            return Problems.Unavailable("No validator answered: " + ex.Message);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<BlockSummary>>, ValidationProblem, ProblemHttpResult>> Blocks(
        long? from, int? limit, [AsParameters] BlockchainServices s, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (from is < 0)
            errors.Add("from", "must be a block number (0 or more)");
        if (limit is < 1 or > MaxBlocksPerPage)
            errors.Add("limit", $"must be between 1 and {MaxBlocksPerPage}");
        if (errors.Any)
            return Problems.Invalid(errors.ToFailure());
        var count = (ulong)(limit ?? 20);
        try
        {
            var height = await s.Chain.GetHeightAsync(ct);
            // Without `from`: the newest blocks, newest first; with it: ascending from there.
            var numbers = from is { } f
                ? Enumerable.Range(0, (int)count).Select(i => (ulong)f + (ulong)i).Where(n => n <= height)
                : Enumerable.Range(0, (int)count).Select(i => (long)height - i).Where(n => n >= 0).Select(n => (ulong)n);
            var blocks = new List<BlockSummary>();
            foreach (var n in numbers)
            {
                if (await s.Chain.GetBlockAsync(n, ct) is { } block)
                    blocks.Add(BlockViews.Summary(block));
            }
            return TypedResults.Ok<IReadOnlyList<BlockSummary>>(blocks);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException)
        {
            return Problems.Unavailable("The chain could not be read: " + ex.Message);
        }
    }

    public static async Task<Results<Ok<BlockDetail>, ProblemHttpResult>> BlockByNumber(string number, [AsParameters] BlockchainServices s, CancellationToken ct)
    {
        if (!ulong.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return Problems.BadRequest("number must be a block number (0 or more).");
        try
        {
            var block = await s.Chain.GetBlockAsync(n, ct);
            return block is null ? Problems.NotFound($"Block {n} does not exist yet.") : TypedResults.Ok(BlockViews.Detail(block));
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or FormatException)
        {
            return Problems.Unavailable("The chain could not be read: " + ex.Message);
        }
    }

    public static async Task<Ok<IReadOnlyList<ValidatorHealthEntry>>> ValidatorsHealth([AsParameters] BlockchainServices s, CancellationToken ct) =>
        TypedResults.Ok(await s.Health.CheckAsync(ct));
}
