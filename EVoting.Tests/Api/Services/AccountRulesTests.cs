using EVoting.Api.Accounts;
using EVoting.Api.Auth;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace EVoting.Tests.Api.Services;

/// <summary>Registration and login rules (AccountService) against an in-memory voter store.</summary>
public sealed class AccountRulesTests : IDisposable
{
    private readonly InMemoryVoterStore _voters = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly PasswordHashing _hashing;
    private readonly AccountService _accounts;

    public AccountRulesTests()
    {
        // Few rounds: the rules are under test, not PBKDF2's cost.
        var hasher = new PasswordHasher<Voter>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        _hashing = new PasswordHashing(hasher, maxConcurrent: 2);
        var tokens = new TokenIssuer(TokenIssuer.KeyFrom("test-jwt-signing-key"), TimeSpan.FromMinutes(60), _clock);
        var elections = new InMemoryElectionStore();
        var enrolment = new Enrolment(new InMemoryRollStore(elections, _voters), elections, _clock);
        _accounts = new AccountService(_voters, _hashing, tokens, new FailedLoginLimiter(_clock, maxFailures: 3, TimeSpan.FromMinutes(5)), enrolment, _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registration_stores_a_lowercase_email_and_a_hash_and_the_email_then_is_taken()
    {
        var created = await _accounts.RegisterAsync(new RegisterRequest(" Ada@Example.org ", "secret123", " Ada L "), Ct);
        var again = await _accounts.RegisterAsync(new RegisterRequest("ADA@example.org", "other4567", "Ada"), Ct);

        Assert.Equal(("ada@example.org", "Ada L", Roles.Voter), (created.Value!.Email, created.Value.FullName, created.Value.Role));
        var stored = Assert.Single(_voters.Voters);
        Assert.NotEqual("secret123", stored.PasswordHash);
        Assert.Equal(new Failure.Conflict(AccountService.EmailTaken), again.Failure);
    }

    [Theory]
    [InlineData("not-an-email", "secret123", "Ada", "email")]
    [InlineData("ada@localhost", "secret123", "Ada", "email")]
    [InlineData("ada@example.org", "short1", "Ada", "password")]
    [InlineData("ada@example.org", "lettersonly", "Ada", "password")]
    [InlineData("ada@example.org", "secret123", " ", "full_name")]
    public async Task Registrations_with_a_bad_field_name_that_field(string email, string password, string fullName, string field)
    {
        var outcome = await _accounts.RegisterAsync(new RegisterRequest(email, password, fullName), Ct);

        Assert.Equal([field], Assert.IsType<Failure.InvalidFields>(outcome.Failure).Errors.Keys);
        Assert.Empty(_voters.Voters);
    }

    [Fact]
    public async Task A_login_returns_a_bearer_token_and_wrong_password_and_unknown_email_answer_alike()
    {
        await _accounts.RegisterAsync(new RegisterRequest("ada@example.org", "secret123", "Ada"), Ct);

        var ok = await _accounts.LoginAsync(new LoginRequest("ADA@example.org", "secret123"), "10.0.0.1", Ct);
        var wrong = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret124"), "10.0.0.1", Ct);
        var unknown = await _accounts.LoginAsync(new LoginRequest("bob@example.org", "secret123"), "10.0.0.1", Ct);

        Assert.Equal(("bearer", 3600), (ok.Value!.TokenType, ok.Value.ExpiresIn));
        Assert.Equal(new Failure.NotAuthenticated(AccountService.InvalidCredentials), wrong.Failure);
        Assert.Equal(wrong.Failure, unknown.Failure);
    }

    [Fact]
    public async Task After_the_limit_of_failures_a_client_waits_even_with_the_right_password_and_others_do_not()
    {
        await _accounts.RegisterAsync(new RegisterRequest("ada@example.org", "secret123", "Ada"), Ct);
        for (var i = 0; i < 3; i++)
            await _accounts.LoginAsync(new LoginRequest("ada@example.org", "wrong0000"), "10.0.0.1", Ct);

        var blocked = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret123"), "10.0.0.1", Ct);
        var otherClient = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret123"), "10.0.0.2", Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var later = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret123"), "10.0.0.1", Ct);

        var wait = Assert.IsType<Failure.TooManyAttempts>(blocked.Failure);
        Assert.Equal(TimeSpan.FromMinutes(5), wait.RetryAfter);
        Assert.Equal("Too many failed login attempts; try again in 300 s.", wait.Detail);
        Assert.True(otherClient.Succeeded);
        Assert.True(later.Succeeded);
    }

    [Fact]
    public async Task Fifty_parallel_wrong_logins_evaluate_at_most_the_limit_and_the_owner_logs_in_after_the_window()
    {
        await _accounts.RegisterAsync(new RegisterRequest("ada@example.org", "secret123", "Ada"), Ct);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => _accounts.LoginAsync(new LoginRequest("ada@example.org", $"wrong{i:0000}"), "10.0.0.1", Ct), Ct)));
        var ownerTooSoon = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret123"), "10.0.0.1", Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var owner = await _accounts.LoginAsync(new LoginRequest("ada@example.org", "secret123"), "10.0.0.1", Ct);

        // Only the attempts that got past the limiter had their password checked (and were refused as wrong).
        Assert.Equal(3, attempts.Count(a => a.Failure is Failure.NotAuthenticated));
        Assert.Equal(47, attempts.Count(a => a.Failure is Failure.TooManyAttempts));
        Assert.IsType<Failure.TooManyAttempts>(ownerTooSoon.Failure);
        Assert.True(owner.Succeeded, owner.ToString());
    }

    [Fact]
    public async Task Me_is_the_tokens_account_while_it_exists()
    {
        var created = await _accounts.RegisterAsync(new RegisterRequest("ada@example.org", "secret123", "Ada"), Ct);

        Assert.Equal(created.Value, (await _accounts.MeAsync(created.Value!.Id, Ct)).Value);
        Assert.IsType<Failure.NotAuthenticated>((await _accounts.MeAsync(42, Ct)).Failure);
        Assert.IsType<Failure.NotAuthenticated>((await _accounts.MeAsync(null, Ct)).Failure);
    }

    public void Dispose() => _hashing.Dispose();
}
