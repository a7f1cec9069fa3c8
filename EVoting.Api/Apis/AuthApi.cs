using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Security.Claims;
using EVoting.Api.Auth;
using EVoting.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Apis;

public sealed record RegisterRequest(string? Email, string? Password, string? FullName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record VoterResponse(int Id, string Email, string FullName, [property: AllowedValues(Roles.Voter, Roles.Admin)] string Role, DateTime CreatedAt);
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed class AuthServices(EVotingDbContext db, PasswordHashing passwords, TokenIssuer tokens,
    FailedLoginLimiter limiter, TimeProvider clock)
{
    public EVotingDbContext Db { get; } = db;
    public PasswordHashing Passwords { get; } = passwords;
    public TokenIssuer Tokens { get; } = tokens;
    public FailedLoginLimiter Limiter { get; } = limiter;
    public TimeProvider Clock { get; } = clock;
}

public static class AuthApi
{
    public const int MinPasswordLength = 8;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Auth");
        api.MapPost("register", Register).AllowAnonymous().ProducesProblems(StatusCodes.Status409Conflict);
        api.MapPost("login", Login).AllowAnonymous().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        api.MapGet("me", Me).RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<Results<Created<VoterResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, [AsParameters] AuthServices s, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("email", request.Email).MaxLength("email", request.Email, 254)
            .Required("password", request.Password).MaxLength("password", request.Password, 256)
            .Required("full_name", request.FullName).MaxLength("full_name", request.FullName, 200);
        if (request.Email is { Length: > 0 } e && !IsEmail(e))
            errors.Add("email", "is not a valid email address");
        if (request.Password is { } pw && pw.Length > 0 && !IsStrong(pw))
            errors.Add("password", $"must be at least {MinPasswordLength} characters with a letter and a digit");
        if (errors.Any)
            return errors.ToProblem();

        var email = request.Email!.Trim().ToLowerInvariant();
        if (await s.Db.Voters.AnyAsync(v => v.Email == email, ct))
            return Problems.Conflict("An account with this email already exists.");
        var voter = new Voter
        {
            Email = email, FullName = request.FullName!.Trim(), Role = Roles.Voter, PasswordHash = "",
            CreatedAt = s.Clock.GetUtcNow().UtcDateTime,
        };
        voter.PasswordHash = await s.Passwords.HashAsync(voter, request.Password!, ct);
        s.Db.Voters.Add(voter);
        try
        {
            await s.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict("An account with this email already exists.");
        }
        return TypedResults.Created($"/api/auth/me", ToResponse(voter));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, [AsParameters] AuthServices s, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("email", request.Email).Required("password", request.Password)
            .MaxLength("email", request.Email, 254).MaxLength("password", request.Password, 256);
        if (errors.Any)
            return errors.ToProblem();

        var email = request.Email!.Trim().ToLowerInvariant();
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (s.Limiter.RetryAfter(email, ip) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many failed logins",
                $"Too many failed login attempts; try again in {seconds} s.");
        }

        var voter = await s.Db.Voters.SingleOrDefaultAsync(v => v.Email == email, ct);
        var result = voter is null
            ? await s.Passwords.VerifyUnknownAsync(request.Password!, ct)
            : await s.Passwords.VerifyAsync(voter, voter.PasswordHash, request.Password!, ct);
        if (voter is null || result == PasswordVerificationResult.Failed)
        {
            s.Limiter.RecordFailure(email, ip);
            // The same message for an unknown email and a wrong password: no account enumeration.
            return Problems.Unauthorized("Invalid email or password.");
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            voter.PasswordHash = await s.Passwords.HashAsync(voter, request.Password!, ct);
            await s.Db.SaveChangesAsync(ct);
        }
        s.Limiter.Reset(email, ip);
        var token = s.Tokens.Issue(voter.Id, voter.Email, voter.Role);
        return TypedResults.Ok(new TokenResponse(token, "bearer", (int)s.Tokens.Lifetime.TotalSeconds));
    }

    public static async Task<Results<Ok<VoterResponse>, ProblemHttpResult>> Me(ClaimsPrincipal user, EVotingDbContext db, CancellationToken ct)
    {
        var id = user.VoterId();
        var voter = id is null ? null : await db.Voters.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        return voter is null ? Problems.Unauthorized("The account of this token no longer exists.") : TypedResults.Ok(ToResponse(voter));
    }

    private static VoterResponse ToResponse(Voter v) => new(v.Id, v.Email, v.FullName, v.Role, v.CreatedAt);

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && parsed.Host.Contains('.');

    private static bool IsStrong(string password) =>
        password.Length >= MinPasswordLength && password.Any(char.IsLetter) && password.Any(char.IsDigit);
}
