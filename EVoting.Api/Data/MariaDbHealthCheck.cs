using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EVoting.Api.Data;

/// <summary>Unhealthy until MariaDB answers and the schema is migrated.</summary>
public sealed class MariaDbHealthCheck(EVotingDbContext db, DatabaseReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!readiness.IsReady)
            return HealthCheckResult.Unhealthy("database not migrated yet");
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("MariaDB does not answer");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("MariaDB does not answer: " + ex.Message);
        }
    }
}
