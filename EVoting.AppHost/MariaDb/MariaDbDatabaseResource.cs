using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.MariaDb;

/// <summary>A database on a MariaDB server; created once the server is ready (<see cref="MariaDbBuilderExtensions"/>).</summary>
public sealed class MariaDbDatabaseResource(string name, string databaseName, IMariaDbServerResource parent)
    : Resource(name), IResourceWithParent<IMariaDbServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public IMariaDbServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
