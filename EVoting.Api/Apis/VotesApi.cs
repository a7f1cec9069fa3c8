using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Data;
using EVoting.Api.Votes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Apis;

public static class VotesApi
{
    public static IEndpointRouteBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/votes").WithTags("Votes");
        api.MapPost("submit", Submit).RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("status", Status).RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        api.MapGet("receipt/{tx_hash}", Receipt).AllowAnonymous().ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<VoteReceiptSummary>, Ok<VoteReceiptSummary>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitVoteRequest request, ClaimsPrincipal user, VoteSubmitter submitter, CancellationToken ct) =>
        user.VoterId() is { } voterId
            ? await submitter.SubmitAsync(voterId, request, ct)
            : Problems.Unauthorized("The token does not name a voter.");

    public static async Task<Results<Ok<VoteStatusResponse>, ValidationProblem, ProblemHttpResult>> Status(
        int? election_id, ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct)
    {
        if (election_id is null)
            return new FieldErrors().Add("election_id", "is required").ToProblem();
        if (!await db.Elections.AnyAsync(e => e.Id == election_id, ct))
            return Problems.NotFound($"Election {election_id} does not exist.");
        var voterId = user.VoterId();
        var row = await db.VoteTransactions.AsNoTracking().SingleOrDefaultAsync(v => v.VoterId == voterId && v.ElectionId == election_id, ct);
        return TypedResults.Ok(new VoteStatusResponse(row is not null, row?.TxHash, row?.Status));
    }

    public static Task<Results<Ok<ReceiptResponse>, ProblemHttpResult>> Receipt(string tx_hash, ReceiptService receipts, CancellationToken ct) =>
        receipts.GetAsync(tx_hash, ct);
}
