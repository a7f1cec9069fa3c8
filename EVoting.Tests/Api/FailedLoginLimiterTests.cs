using EVoting.Api.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EVoting.Tests.Api;

public class FailedLoginLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public void Five_attempts_without_success_block_the_sixth_until_the_window_passes()
    {
        var limiter = new FailedLoginLimiter(_clock);
        for (var i = 0; i < 5; i++)
            Assert.Null(limiter.TryBegin(i == 4 ? "A@B.org" : "a@b.org", "1.2.3.4"));

        Assert.Equal(TimeSpan.FromMinutes(5), limiter.TryBegin("a@b.org", "1.2.3.4"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(3), limiter.TryBegin("a@b.org", "1.2.3.4"));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Null(limiter.TryBegin("a@b.org", "1.2.3.4"));
    }

    [Fact]
    public void Attempts_count_per_email_and_address()
    {
        var limiter = new FailedLoginLimiter(_clock, maxFailures: 2);
        limiter.TryBegin("a@b.org", "1.1.1.1");
        limiter.TryBegin("a@b.org", "1.1.1.1");
        Assert.NotNull(limiter.TryBegin("a@b.org", "1.1.1.1"));
        Assert.Null(limiter.TryBegin("a@b.org", "2.2.2.2"));
        Assert.Null(limiter.TryBegin("c@b.org", "1.1.1.1"));
    }

    [Fact]
    public void A_successful_login_clears_the_count()
    {
        var limiter = new FailedLoginLimiter(_clock, maxFailures: 2);
        limiter.TryBegin("a@b.org", "1.1.1.1");
        limiter.TryBegin("a@b.org", "1.1.1.1");
        limiter.Succeeded("a@b.org", "1.1.1.1");
        Assert.Null(limiter.TryBegin("a@b.org", "1.1.1.1"));
    }

    [Fact]
    public void Fifty_parallel_attempts_let_exactly_the_limit_through()
    {
        var limiter = new FailedLoginLimiter(_clock, maxFailures: 5);
        var passed = 0;
        Parallel.For(0, 50, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ =>
        {
            if (limiter.TryBegin("a@b.org", "1.1.1.1") is null)
                Interlocked.Increment(ref passed);
        });

        Assert.Equal(5, passed);
    }
}
