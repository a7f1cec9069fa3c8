using EVoting.Api.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EVoting.Tests.Api;

public class FailedLoginLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public void Five_failures_block_the_sixth_attempt_until_the_window_passes()
    {
        var limiter = new FailedLoginLimiter(_clock);
        for (var i = 0; i < 4; i++)
        {
            limiter.RecordFailure("a@b.org", "1.2.3.4");
            Assert.Null(limiter.RetryAfter("a@b.org", "1.2.3.4"));
        }
        limiter.RecordFailure("A@B.org", "1.2.3.4");
        var wait = limiter.RetryAfter("a@b.org", "1.2.3.4");
        Assert.Equal(TimeSpan.FromMinutes(5), wait);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(3), limiter.RetryAfter("a@b.org", "1.2.3.4"));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Null(limiter.RetryAfter("a@b.org", "1.2.3.4"));
    }

    [Fact]
    public void Failures_count_per_email_and_address()
    {
        var limiter = new FailedLoginLimiter(_clock, maxFailures: 2);
        limiter.RecordFailure("a@b.org", "1.1.1.1");
        limiter.RecordFailure("a@b.org", "1.1.1.1");
        Assert.NotNull(limiter.RetryAfter("a@b.org", "1.1.1.1"));
        Assert.Null(limiter.RetryAfter("a@b.org", "2.2.2.2"));
        Assert.Null(limiter.RetryAfter("c@b.org", "1.1.1.1"));
    }

    [Fact]
    public void A_successful_login_resets_the_count()
    {
        var limiter = new FailedLoginLimiter(_clock, maxFailures: 2);
        limiter.RecordFailure("a@b.org", "1.1.1.1");
        limiter.Reset("a@b.org", "1.1.1.1");
        limiter.RecordFailure("a@b.org", "1.1.1.1");
        Assert.Null(limiter.RetryAfter("a@b.org", "1.1.1.1"));
    }
}
