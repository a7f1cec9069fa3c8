using System.Security.Claims;
using System.Text.Json;
using EVoting.Api.Auth;
using EVoting.Api.Challenges;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

/// <summary>The public list of challenged ballots (docs/api.md#spoiled-ballots, docs/trustees.md#ballot-challenge).</summary>
public static class SpoiledBallotsApi
{
    public static IEndpointRouteBuilder MapSpoiledBallotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/elections/{id:int}/spoiled").WithTags("Elections");
        api.MapGet("", List).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("", Post).RequireAuthorization().RequireRateLimiting(SpoiledBallotLimits.Policy)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>
    /// Challenged ballots in posting order, each the JSON form of docs/trustees.md#json-forms; at most `limit`
    /// (1..100, default 100) from `offset` (default 0).
    /// </summary>
    public static async Task<Results<Ok<JsonElement[]>, ValidationProblem, ProblemHttpResult>> List(
        int id, int? offset, int? limit, SpoiledBallotService spoiled, CancellationToken ct) =>
        (await spoiled.ListAsync(id, offset, limit, ct)).ToOkOrInvalid();

    /// <summary>
    /// Posts a challenged ballot {election_id, ballot, selections, nonces}: 201 when listed, 200 for the same ballot again,
    /// 400 when it does not check, 409 when the election is not open, the ballot was cast, or the list is full.
    /// </summary>
    public static async Task<Results<Created<SpoiledBallotReceipt>, Ok<SpoiledBallotReceipt>, ProblemHttpResult>> Post(
        int id, JsonElement body, ClaimsPrincipal user, SpoiledBallotService spoiled, CancellationToken ct)
    {
        if (user.VoterId() is not { } voterId)
            return Problems.Unauthorized("The token does not name a voter.");
        var outcome = await spoiled.PostAsync(id, voterId, body, ct);
        return outcome.Failure switch
        {
            { } failure => Problems.For(failure),
            null when outcome.Value!.IsNew => TypedResults.Created($"/api/elections/{id}/spoiled", outcome.Value.Receipt),
            null => TypedResults.Ok(outcome.Value!.Receipt),
        };
    }
}
