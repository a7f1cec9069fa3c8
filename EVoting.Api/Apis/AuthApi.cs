using System.Globalization;
using System.Security.Claims;
using EVoting.Api.Accounts;
using EVoting.Api.Auth;
using EVoting.Api.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Auth");
        api.MapPost("register", Register).AllowAnonymous().ProducesProblems(StatusCodes.Status409Conflict);
        api.MapPost("login", Login).AllowAnonymous().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
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

    public static async Task<Results<Ok<VoterResponse>, ProblemHttpResult>> Me(ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        (await accounts.MeAsync(user.VoterId(), ct)).ToOk();
}
