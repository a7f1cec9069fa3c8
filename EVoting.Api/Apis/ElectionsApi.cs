using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Elections;
using EVoting.Api.Extensions;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

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
        // The body is described for OpenAPI only: an Accepts<> constraint would answer a wrong content type with 415 before the caller is authorized.
        admin.MapPost("{id:int}/roll", UploadRoll).AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One voter identifier per line (docs/voter-roll.md).",
                    Content = new Dictionary<string, OpenApiMediaType> { [RollMediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        admin.MapGet("{id:int}/roll/codes", RollCodes).Produces<string>(StatusCodes.Status200OK, RollMediaType)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
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

    public const string RollMediaType = "text/csv";

    /// <summary>The roll as text/csv (or text/plain), read as a stream: a million lines never sit in memory.</summary>
    public static async Task<Results<Ok<RollUploadResponse>, ProblemHttpResult>> UploadRoll(
        int id, HttpRequest request, RollService roll, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not (RollMediaType or "text/plain"))
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the roll as text/csv: one voter identifier per line.");
        // This endpoint alone reads more than the API's 1 MiB: up to a million lines.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = RollLimits.MaxBodyBytes;
        return (await roll.UploadAsync(id, request.BodyReader, ct)).ToOk();
    }

    /// <summary>"identifier,code" lines; issued once (a second request is 409, see docs/voter-roll.md).</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> RollCodes(int id, RollService roll, CancellationToken ct)
    {
        var issued = await roll.IssueCodesAsync(id, ct);
        if (issued.Failure is { } failure)
            return Problems.For(failure);
        return TypedResults.Stream(issued.Value!, RollMediaType + "; charset=utf-8", $"election-{id}-enrolment-codes.csv");
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
