using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Apis;

public static class ElectionsApi
{
    public static IEndpointRouteBuilder MapElectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/elections").WithTags("Elections");
        api.MapGet("", List);
        api.MapGet("active", Active);
        api.MapGet("{id:int}", Get).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("{id:int}/results", Results).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);

        var admin = api.MapGroup("").RequireAuthorization(Policies.Admin).ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        admin.MapPost("", Create);
        admin.MapPost("{id:int}/open", Open).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
        admin.MapPost("{id:int}/close", Close).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
        admin.MapPost("{id:int}/tally", Tally).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Task<Ok<ElectionResponse[]>> List(ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct) =>
        Query(db.Elections, user, db, ct);

    public static Task<Ok<ElectionResponse[]>> Active(ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct) =>
        Query(db.Elections.Where(e => e.Status == ElectionStatus.Open), user, db, ct);

    public static async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Get(int id, ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (election is null)
            return Problems.NotFound($"Election {id} does not exist.");
        var voterId = user.VoterId();
        var voted = voterId is not null && await db.VoteTransactions.AnyAsync(v => v.ElectionId == id && v.VoterId == voterId, ct);
        return TypedResults.Ok(election.ToResponse(voted));
    }

    private static async Task<Ok<ElectionResponse[]>> Query(IQueryable<Election> elections, ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct)
    {
        var list = await elections.AsNoTracking().Include(e => e.Candidates).OrderBy(e => e.Id).ToListAsync(ct);
        var voterId = user.VoterId();
        var voted = voterId is null
            ? []
            : (await db.VoteTransactions.Where(v => v.VoterId == voterId).Select(v => v.ElectionId).ToListAsync(ct)).ToHashSet();
        return TypedResults.Ok(list.Select(e => e.ToResponse(voted.Contains(e.Id))).ToArray());
    }

    public static Task<Results<Created<ElectionResponse>, ValidationProblem>> Create(
        CreateElectionRequest request, ElectionCreator creator, CancellationToken ct) => creator.CreateAsync(request, ct);

    public static Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Open(int id, ElectionLifecycle lifecycle, CancellationToken ct) =>
        lifecycle.OpenAsync(id, ct);

    public static Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Close(int id, ElectionLifecycle lifecycle, CancellationToken ct) =>
        lifecycle.CloseAsync(id, ct);

    public static Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> Tally(int id, TallyService tally, CancellationToken ct) =>
        tally.TallyAsync(id, ct);

    public static Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> Results(int id, TallyService tally, CancellationToken ct) =>
        tally.ResultsAsync(id, ct);
}
