using System.Globalization;
using System.Security.Claims;
using EVoting.Api.Accounts;
using EVoting.Api.Auth;
using EVoting.Api.Extensions;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Auth");
        api.MapPost("register", Register).AllowAnonymous().RequireRateLimiting(RateLimits.Register)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        api.MapPost("login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        api.MapPost("enrol", Enrol).RequireAuthorization().RequireRateLimiting(RateLimits.Enrol)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        api.MapGet("me", Me).RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<Results<Created<VoterResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken ct) =>
        (await accounts.RegisterAsync(request, ct)).ToCreated(_ => "/api/auth/me");

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        switch (await accounts.LoginAsync(request, client, ct))
        {
            case { Failure: Failure.InvalidFields invalid }:
                return Problems.Invalid(invalid);
            case { Failure: Failure.TooManyAttempts tooMany }:
                http.Response.Headers.RetryAfter = ((int)tooMany.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Problems.For(tooMany);
            case { Failure: { } failure }:
                return Problems.For(failure);
            case var token:
                return TypedResults.Ok(token.Value!);
        }
    }

    /// <summary>Puts the account on the roll of the election the code belongs to (docs/voter-roll.md).</summary>
    public static async Task<Results<Ok<EnrolmentResponse>, ValidationProblem, ProblemHttpResult>> Enrol(
        EnrolRequest request, ClaimsPrincipal user, Enrolment enrolment, CancellationToken ct) =>
        user.VoterId() is { } voterId
            ? (await enrolment.EnrolAsync(voterId, request, ct)).ToOkOrInvalid()
            : Problems.Unauthorized("The token does not name a voter.");

    public static async Task<Results<Ok<VoterResponse>, ProblemHttpResult>> Me(ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        (await accounts.MeAsync(user.VoterId(), ct)).ToOk();
}
