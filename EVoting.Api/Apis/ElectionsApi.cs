using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Elections;
using EVoting.Api.Extensions;
using EVoting.Api.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static async Task<Ok<ElectionResponse[]>> List(ClaimsPrincipal user, ElectionQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(openOnly: false, user.VoterId(), ct));

    public static async Task<Ok<ElectionResponse[]>> Active(ClaimsPrincipal user, ElectionQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(openOnly: true, user.VoterId(), ct));

    public static async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Get(int id, ClaimsPrincipal user, ElectionQueries queries, CancellationToken ct) =>
        (await queries.GetAsync(id, user.VoterId(), ct)).ToOk();

    public static async Task<Results<Created<ElectionResponse>, ValidationProblem>> Create(
        CreateElectionRequest request, ElectionCreator creator, CancellationToken ct)
    {
        var outcome = await creator.CreateAsync(request, ct);
        return outcome.Failure switch
        {
            null => TypedResults.Created($"/api/elections/{outcome.Value!.Id}", outcome.Value!),
            Failure.InvalidFields invalid => Problems.Invalid(invalid),
            var failure => throw new InvalidOperationException($"Creating an election cannot fail with {failure}."),
        };
    }

    public static async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Open(int id, ElectionLifecycle lifecycle, CancellationToken ct) =>
        (await lifecycle.OpenAsync(id, ct)).ToOk();

    public static async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> Close(int id, ElectionLifecycle lifecycle, CancellationToken ct) =>
        (await lifecycle.CloseAsync(id, ct)).ToOk();

    public static async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> Tally(int id, TallyService tally, CancellationToken ct) =>
        (await tally.TallyAsync(id, ct)).ToOk();

    public static async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> Results(int id, TallyService tally, CancellationToken ct) =>
        (await tally.ResultsAsync(id, ct)).ToOk();
}
