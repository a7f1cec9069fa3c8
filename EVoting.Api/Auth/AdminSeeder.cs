using EVoting.Api.Data;
using EVoting.Api.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Auth;

/// <summary>
/// Creates the first admin from the admin-email / admin-password parameters. Idempotent: an
/// existing account with that email is made admin and its password reset to the parameter, so
/// rotating the parameter and restarting rotates the password.
/// </summary>
public sealed class AdminSeeder(IConfiguration config, IPasswordHasher<Voter> hasher, TimeProvider clock, ILogger<AdminSeeder> log)
{
    public async Task SeedAsync(EVotingDbContext db, CancellationToken ct)
    {
        var email = Parameters.Get(config, Parameters.AdminEmail);
        var password = Parameters.Get(config, Parameters.AdminPassword);
        if (email is null || password is null)
        {
            log.LogWarning("No admin-email/admin-password parameters: no admin account is seeded");
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
