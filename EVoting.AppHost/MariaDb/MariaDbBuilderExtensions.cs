using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace EVoting.AppHost.MariaDb;

/// <summary>
/// <c>AddMariaDb</c> / <c>AddDatabase</c>, built the way Aspire's own MySQL integration is (which the registry
/// does not serve): a password parameter, a <c>tcp</c> endpoint on 3306 inside, a health check that opens a
/// connection, databases created once the server is ready. Which kind of server runs is chosen by
/// <see cref="MariaDbMode"/>; docs/apphost.md explains the choice.
/// </summary>
public static class MariaDbBuilderExtensions
{
    public static IResourceBuilder<IMariaDbServerResource> AddMariaDb(this IDistributedApplicationBuilder builder, string name, string stateDirectory, int? port = null)
    {
        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);

        IResourceBuilder<IMariaDbServerResource> server = MariaDbMode.UseContainer(builder)
            ? builder.AddContainerServer(name, password.Resource, port)
            : builder.AddLocalServer(name, password.Resource, Path.Combine(stateDirectory, name), port);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server.Resource, async (_, ct) =>
            connectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(ct));
        // DCP gives a container's databases its state, not an executable's: both kinds are told here, so
        // whatever waits for a database waits for the server and then for the CREATE DATABASE.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, async (e, _) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Resource.Databases)
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Starting });
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource);
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Resource.Databases)
            {
                await CreateDatabaseAsync(connectionString!, database, logger, ct);
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            }
        });

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new MariaDbHealthCheck(() => connectionString), null, null));
        return server.WithHealthCheck(healthCheck);
    }

    public static IResourceBuilder<MariaDbDatabaseResource> AddDatabase(this IResourceBuilder<IMariaDbServerResource> server, string name, string? databaseName = null)
    {
        var database = new MariaDbDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);

        string? connectionString = null;
        server.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));

        // Healthy once the database exists: whatever waits for it starts after the CREATE DATABASE.
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new MariaDbHealthCheck(() => connectionString), null, null));
        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<IMariaDbServerResource> AddContainerServer(this IDistributedApplicationBuilder builder, string name, ParameterResource password, int? port)
    {
        var resource = new MariaDbContainerResource(name, password);
        builder.AddResource(resource)
            .WithImage(MariaDbContainerResource.Image, MariaDbContainerResource.Tag)
            .WithImageRegistry(MariaDbContainerResource.Registry)
            .WithEndpoint(port: port, targetPort: 3306, name: IMariaDbServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithVolume($"{name}-data", "/var/lib/mysql")
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["MARIADB_ROOT_PASSWORD"] = resource.Password;
                if (resource.Databases.FirstOrDefault() is { } first)
                    context.EnvironmentVariables["MARIADB_DATABASE"] = first.DatabaseName;
            });
        return builder.CreateResourceBuilder<IMariaDbServerResource>(resource);
    }

    private static IResourceBuilder<IMariaDbServerResource> AddLocalServer(this IDistributedApplicationBuilder builder, string name, ParameterResource password, string folder, int? port)
    {
        var mariadbd = MachineTools.Find("mariadbd") ?? MachineTools.Find("mysqld")
            ?? throw new DistributedApplicationException(
                "MariaDB is not available: no container runtime answers and 'mariadbd' is not installed. " +
                "Install it with 'sudo apt-get install -y mariadb-server' (or start Docker), then run again.");
        var resource = new MariaDbLocalServerResource(name, mariadbd, folder, password);
        var endpoint = new EndpointReference(resource, IMariaDbServerResource.PrimaryEndpointName);
        builder.AddResource(resource)
            .WithEndpoint(port: port, name: IMariaDbServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                foreach (var arg in LocalMariaDb.Arguments(resource))
                    context.Args.Add(arg);
                context.Args.Add(ReferenceExpression.Create($"--port={endpoint.Property(EndpointProperty.TargetPort)}"));
            })
            .WithIconName("DatabaseMultiple");
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (e, ct) =>
        {
            var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
            await LocalMariaDb.PrepareAsync(resource, await password.GetValueAsync(ct) ?? "", logger, ct);
        });
        return builder.CreateResourceBuilder<IMariaDbServerResource>(resource);
    }

    private static async Task CreateDatabaseAsync(string connectionString, MariaDbDatabaseResource database, ILogger logger, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE IF NOT EXISTS {new MySqlCommandBuilder().QuoteIdentifier(database.DatabaseName)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Database '{Database}' is ready.", database.DatabaseName);
    }
}
