using MySqlConnector;

namespace EVoting.AppHost.Hosting;

/// <summary>A database on a <see cref="MariaDbServerResource"/>; created (if missing) once the server is healthy.</summary>
public sealed class MariaDbDatabaseResource(string name, string databaseName, MariaDbServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;
    public MariaDbServerResource Parent { get; } = parent;

    public override string DisplayType => "Database";

    public override IEnumerable<Resource> Dependencies => base.Dependencies.Append(Parent).Distinct();

    public ValueExpression ConnectionStringExpression =>
        new FormattedValue("{0};Database=" + DatabaseName, new ConnectionStringValue(Parent));

    public override async Task ActivateAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(Parent.ConnectionStringExpression.Resolve(run) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            $"CREATE DATABASE IF NOT EXISTS `{DatabaseName.Replace("`", "``", StringComparison.Ordinal)}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
