using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace EVoting.AppHost.MariaDb;

/// <summary>Healthy when a connection opens and <c>SELECT 1</c> answers (for a database: once it exists).</summary>
internal sealed class MariaDbHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } cs)
            return HealthCheckResult.Unhealthy("The connection string is not known yet.");
        try
        {
            await using var connection = new MySqlConnection(cs + ";Pooling=false;Connection Timeout=3");
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (MySqlException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
