using System.Globalization;
using System.Net.Mail;
using EVoting.Api.Auth;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using Microsoft.AspNetCore.Identity;

namespace EVoting.Api.Accounts;

/// <summary>
/// Registration and login. Emails are kept lowercase; a login answers an unknown email and a wrong
/// password alike, after the same work (docs/api.md "Auth"); failed logins per (email, client) are
/// limited by <see cref="FailedLoginLimiter"/>. A registration may carry an enrolment code, which puts
/// the new account on that election's roll; without one the account can vote only in elections
/// open to every account (docs/voter-roll.md).
/// </summary>
public sealed class AccountService(
    IVoterStore voters, PasswordHashing passwords, TokenIssuer tokens, FailedLoginLimiter limiter, Enrolment enrolment, TimeProvider clock)
{
    public const int MinPasswordLength = 8;
    public const string EmailTaken = "An account with this email already exists.";
    public const string InvalidCredentials = "Invalid email or password.";

    public async Task<Outcome<VoterResponse>> RegisterAsync(RegisterRequest request, CancellationToken ct)
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
            return errors.ToFailure();

        // Checked before the password is hashed: a wrong code costs a lookup, not PBKDF2.
        CodeMatch? code = null;
        if (!string.IsNullOrWhiteSpace(request.EnrolmentCode))
        {
            var found = await enrolment.FindUsableAsync("enrolment_code", request.EnrolmentCode, ct);
            if (found.Failure is { } refused)
                return refused;
            code = found.Value;
        }
        var email = Normalize(request.Email!);
        if (await voters.FindByEmailAsync(email, ct) is not null)
            return new Failure.Conflict(EmailTaken);
        var voter = new Voter
        {
            Email = email, FullName = request.FullName!.Trim(), Role = Roles.Voter, PasswordHash = "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        voter.PasswordHash = await passwords.HashAsync(voter, request.Password!, ct);
        if (code is not null)
            return await enrolment.RegisterAsync(voter, code, ct) is { } failure ? failure : ToResponse(voter);
        return await voters.AddAsync(voter, ct) ? ToResponse(voter) : new Failure.Conflict(EmailTaken);
    }

    /// <param name="client">Who is asking (the client's IP address): failed logins are counted per email and client.</param>
    public async Task<Outcome<TokenResponse>> LoginAsync(LoginRequest request, string client, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("email", request.Email).Required("password", request.Password)
            .MaxLength("email", request.Email, 254).MaxLength("password", request.Password, 256);
        if (errors.Any)
            return errors.ToFailure();

        var email = Normalize(request.Email!);
        if (limiter.TryBegin(email, client) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return new Failure.TooManyAttempts(TimeSpan.FromSeconds(seconds),
                $"Too many failed login attempts; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.");
        }

        var voter = await voters.FindByEmailAsync(email, ct);
        var result = voter is null
            ? await passwords.VerifyUnknownAsync(request.Password!, ct)
            : await passwords.VerifyAsync(voter, voter.PasswordHash, request.Password!, ct);
        if (voter is null || result == PasswordVerificationResult.Failed)
        {
            // Already counted by TryBegin. The same message for an unknown email and a wrong password: no account enumeration.
            return new Failure.NotAuthenticated(InvalidCredentials);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            voter.PasswordHash = await passwords.HashAsync(voter, request.Password!, ct);
            await voters.SaveAsync(ct);
        }
        limiter.Succeeded(email, client);
        var token = tokens.Issue(voter.Id, voter.Email, voter.Role);
        return new TokenResponse(token, "bearer", (int)tokens.Lifetime.TotalSeconds);
    }

    /// <summary>The account a token names; <paramref name="voterId"/> is null when the token names none.</summary>
    public async Task<Outcome<VoterResponse>> MeAsync(int? voterId, CancellationToken ct)
    {
        var voter = voterId is { } id ? await voters.FindAsync(id, ct) : null;
        return voter is null ? new Failure.NotAuthenticated("The account of this token no longer exists.") : ToResponse(voter);
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static VoterResponse ToResponse(Voter v) => new(v.Id, v.Email, v.FullName, v.Role, v.CreatedAt);

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && parsed.Host.Contains('.');

    private static bool IsStrong(string password) =>
        password.Length >= MinPasswordLength && password.Any(char.IsLetter) && password.Any(char.IsDigit);
}
