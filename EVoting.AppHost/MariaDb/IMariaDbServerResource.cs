using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.MariaDb;

/// <summary>
/// A MariaDB server, whichever way it runs: the official image (<see cref="MariaDbContainerResource"/>) or the
/// machine's own <c>mariadbd</c> (<see cref="MariaDbLocalServerResource"/>). Databases, references and health
/// checks are the same for both.
/// </summary>
public interface IMariaDbServerResource : IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithWaitSupport
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "root";

    ParameterResource Password { get; }

    List<MariaDbDatabaseResource> Databases { get; }

    EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Root over TCP through the endpoint (Aspire's proxy locally, the service name in a container network).</summary>
    static ReferenceExpression ServerConnectionString(IMariaDbServerResource server) => ReferenceExpression.Create(
        $"Server={server.PrimaryEndpoint.Property(EndpointProperty.Host)};Port={server.PrimaryEndpoint.Property(EndpointProperty.Port)};User ID={UserName};Password={server.Password}");
}
