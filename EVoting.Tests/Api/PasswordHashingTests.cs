using EVoting.Api.Auth;
using EVoting.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace EVoting.Tests.Api;

/// <summary>Password hashing runs at most N at once, and a login for an unknown email costs a real verification.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task No_more_hashes_than_the_bound_run_at_once_and_the_rest_wait_without_failing()
    {
        var hasher = new CountingHasher(TimeSpan.FromMilliseconds(40));
        using var hashing = new PasswordHashing(hasher, maxConcurrent: 2);
        var voter = new Voter { Email = "a@example.org", FullName = "A", Role = "voter", PasswordHash = "" };

        var hashes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => hashing.HashAsync(voter, $"password{i}", TestContext.Current.CancellationToken))));

        Assert.Equal(12, hashes.Distinct().Count());
        Assert.Equal(2, hasher.MaxInFlight);
    }

    [Fact]
    public async Task A_waiting_hash_is_cancelled_with_its_request()
    {
        var hasher = new CountingHasher(TimeSpan.FromMilliseconds(300));
        using var hashing = new PasswordHashing(hasher, maxConcurrent: 1);
        var voter = new Voter { Email = "a@example.org", FullName = "A", Role = "voter", PasswordHash = "" };
        var first = Task.Run(() => hashing.HashAsync(voter, "password1", TestContext.Current.CancellationToken));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hashing.HashAsync(voter, "password2", cancelled.Token));
        Assert.NotEmpty(await first);
    }

    [Fact]
    public async Task An_unknown_email_fails_after_the_same_verification_work_as_a_real_account()
    {
        var hasher = new CountingHasher(TimeSpan.Zero);
        using var hashing = new PasswordHashing(hasher, maxConcurrent: 1);

        var result = await hashing.VerifyUnknownAsync("whatever1", TestContext.Current.CancellationToken);

        Assert.Equal(PasswordVerificationResult.Failed, result);
        Assert.Equal(1, hasher.Verifications);
    }

    /// <summary>The real hasher, slowed down and counted.</summary>
    private sealed class CountingHasher(TimeSpan extra) : IPasswordHasher<Voter>
    {
        private readonly PasswordHasher<Voter> _real = new();
        private int _inFlight;

        public int MaxInFlight { get; private set; }
        public int Verifications { get; private set; }

        public string HashPassword(Voter user, string password) => Timed(() => _real.HashPassword(user, password));

        public PasswordVerificationResult VerifyHashedPassword(Voter user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return Timed(() => _real.VerifyHashedPassword(user, hashedPassword, providedPassword));
        }

        private T Timed<T>(Func<T> work)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
            try
            {
                Thread.Sleep(extra);
                return work();
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
