using EVoting.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace EVoting.Api.Auth;

/// <summary>
/// Password hashing with a bound on how many hashes run at once. A hash (ASP.NET Core Identity's
/// V3 format: PBKDF2-HMAC-SHA512, 100,000 rounds) is tens of milliseconds of CPU on a thread-pool
/// thread; a burst of registrations and logins (seen with `evoting load` registering thousands of
/// voters) otherwise takes every pool thread, and health checks, receipts and vote submissions
/// queue behind it for seconds. Waiting here is asynchronous, so only the bounded few hold a thread.
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<Voter> hasher, int maxConcurrent) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent));
    private readonly Lazy<string> _decoy = new(() => hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18))));

    public Task<string> HashAsync(Voter voter, string password, CancellationToken ct) =>
        RunAsync(() => hasher.HashPassword(voter, password), ct);

    public Task<PasswordVerificationResult> VerifyAsync(Voter voter, string hash, string password, CancellationToken ct) =>
        RunAsync(() => hasher.VerifyHashedPassword(voter, hash, password), ct);

    /// <summary>
    /// For a login with an unknown email: the same work as checking a real account's password, so
    /// the response time does not tell which emails have accounts. Always fails.
    /// </summary>
    public async Task<PasswordVerificationResult> VerifyUnknownAsync(string password, CancellationToken ct)
    {
        await RunAsync(() => hasher.VerifyHashedPassword(null!, _decoy.Value, password), ct);
        return PasswordVerificationResult.Failed;
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
