using EVoting.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Auth;

/// <summary>
/// Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD (the AppHost's admin-email / admin-password parameters). Idempotent: an
/// existing account with that email is made admin and its password reset to the parameter, so
/// rotating the parameter and restarting rotates the password.
/// </summary>
public sealed class AdminSeeder(IOptions<AdminAccountOptions> options, IPasswordHasher<Voter> hasher, TimeProvider clock, ILogger<AdminSeeder> log)
{
    public async Task SeedAsync(EVotingDbContext db, CancellationToken ct)
    {
        var email = options.Value.Email?.Trim();
        var password = options.Value.Password?.Trim();
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            log.LogWarning("ADMIN_EMAIL or ADMIN_PASSWORD is not set: no admin account is seeded");
            return;
        }
        email = email.ToLowerInvariant();
        var admin = await db.Voters.SingleOrDefaultAsync(v => v.Email == email, ct);
        if (admin is null)
        {
            admin = new Voter { Email = email, FullName = "Administrator", Role = Roles.Admin, PasswordHash = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Voters.Add(admin);
        }
        if (admin.PasswordHash.Length == 0 || hasher.VerifyHashedPassword(admin, admin.PasswordHash, password) == PasswordVerificationResult.Failed)
            admin.PasswordHash = hasher.HashPassword(admin, password);
        admin.Role = Roles.Admin;
        await db.SaveChangesAsync(ct);
    }
}
