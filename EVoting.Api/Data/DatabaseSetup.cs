using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public static class DatabaseSetup
{
    /// <summary>Pinned rather than auto-detected, so the API starts before MariaDB answers.</summary>
    public static readonly ServerVersion ServerVersion = new MariaDbServerVersion(new Version(10, 11));

    public static IHostApplicationBuilder AddEVotingDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("evoting")
            ?? throw new InvalidOperationException("ConnectionStrings:evoting (env ConnectionStrings__evoting) is not set.");
        // Pooled: the context holds no state of its own, and creating one per request (options,
        // services, change tracker) showed up in the API's CPU profile under load.
        builder.Services.AddDbContextPool<EVotingDbContext>(o => o.UseMySql(connectionString, ServerVersion));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddHealthChecks().AddCheck<MariaDbHealthCheck>("mariadb");
        return builder;
    }
}
