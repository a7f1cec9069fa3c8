using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.MariaDb;

/// <summary>
/// The machine's <c>mariadbd</c> run by DCP as an executable, with its data folder, socket and pid file in
/// <see cref="Folder"/>, listening on 127.0.0.1 behind Aspire's endpoint proxy.
/// </summary>
public sealed class MariaDbLocalServerResource(string name, string mariadbd, string folder, ParameterResource password)
    : ExecutableResource(name, mariadbd, folder), IMariaDbServerResource
{
    public ParameterResource Password { get; } = password;

    public List<MariaDbDatabaseResource> Databases { get; } = [];

    /// <summary>Data folder, socket, pid file and init file live here (under the AppHost's state folder).</summary>
    public string Folder { get; } = folder;

    public string DataDirectory => Path.Combine(Folder, "data");

    public string InitFile => Path.Combine(Folder, "init.sql");

    public ReferenceExpression ConnectionStringExpression => IMariaDbServerResource.ServerConnectionString(this);
}
