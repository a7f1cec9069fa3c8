using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

/// <summary>
/// Applies the checked-in migrations at start, retrying while MariaDB comes up (the AppHost may
/// start the API before the database answers), then seeds the first admin.
/// </summary>
public sealed class DatabaseMigrator(IServiceProvider services, DatabaseReadiness readiness, ILogger<DatabaseMigrator> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EVotingDbContext>();
                await db.Database.MigrateAsync(ct);
                await scope.ServiceProvider.GetRequiredService<Auth.AdminSeeder>().SeedAsync(db, ct);
                readiness.MarkReady();
                log.LogInformation("Database migrated and ready (attempt {Attempt})", attempt);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("Database not ready yet (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), ct);
            }
        }
    }
}
