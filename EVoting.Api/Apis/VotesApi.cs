using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Extensions;
using EVoting.Api.Votes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

public static class VotesApi
{
    public static IEndpointRouteBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/votes").WithTags("Votes");
        api.MapPost("submit", Submit).RequireAuthorization().RequireRateLimiting(RateLimits.Submit)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        api.MapGet("status", Status).RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        api.MapGet("receipt/{tx_hash}", Receipt).AllowAnonymous().ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>201 with the receipt for a new vote; 200 with the original receipt when the same ballot is submitted again.</summary>
    public static async Task<Results<Created<VoteReceiptSummary>, Ok<VoteReceiptSummary>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitVoteRequest request, ClaimsPrincipal user, VoteSubmitter submitter, CancellationToken ct)
    {
        if (user.VoterId() is not { } voterId)
            return Problems.Unauthorized("The token does not name a voter.");
        var outcome = await submitter.SubmitAsync(voterId, request, ct);
        return outcome.Failure switch
        {
            Outcomes.Failure.InvalidFields invalid => Problems.Invalid(invalid),
            { } failure => Problems.For(failure),
            null when outcome.Value!.IsNew => TypedResults.Created($"/api/votes/receipt/{outcome.Value.Receipt.TransactionId}", outcome.Value.Receipt),
            null => TypedResults.Ok(outcome.Value!.Receipt),
        };
    }

    public static async Task<Results<Ok<VoteStatusResponse>, ValidationProblem, ProblemHttpResult>> Status(
        int? election_id, ClaimsPrincipal user, ReceiptService receipts, CancellationToken ct) =>
        (await receipts.StatusAsync(user.VoterId(), election_id, ct)).ToOkOrInvalid();

    public static async Task<Results<Ok<ReceiptResponse>, ProblemHttpResult>> Receipt(string tx_hash, ReceiptService receipts, CancellationToken ct) =>
        (await receipts.GetAsync(tx_hash, ct)).ToOk();
}
