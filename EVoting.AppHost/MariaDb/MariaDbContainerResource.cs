using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.MariaDb;

/// <summary>MariaDB from the official image: when publishing, and locally where a container runtime answers.</summary>
public sealed class MariaDbContainerResource(string name, ParameterResource password) : ContainerResource(name), IMariaDbServerResource
{
    public const string Registry = "docker.io";
    public const string Image = "library/mariadb";
    public const string Tag = "11.4";

    public ParameterResource Password { get; } = password;

    public List<MariaDbDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => IMariaDbServerResource.ServerConnectionString(this);
}
