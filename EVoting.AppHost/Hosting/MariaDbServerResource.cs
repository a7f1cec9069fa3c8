using MySqlConnector;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// A MariaDB server: the official container image when a container engine answers, otherwise this
/// machine's <c>mariadbd</c> with its own data directory, socket and pid file in the state folder,
/// bound to 127.0.0.1 on a free port. Configuration <c>MariaDb:Mode</c> = auto | container | local.
/// </summary>
public sealed class MariaDbServerResource : ProcessResource, IResourceWithConnectionString
{
    public const string Image = "docker.io/library/mariadb";
    public const string ImageTag = "11.4";
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "root";

    public MariaDbServerResource(string name, ParameterResource password) : base(name)
    {
        Password = password;
        // Locally a free port (a machine's own MySQL may hold 3306); 3306 inside a container.
        Endpoints.Add(new EndpointAnnotation(PrimaryEndpointName, "tcp", port: null, targetPort: 3306, portEnvironmentVariable: null));
    }

    public ParameterResource Password { get; }

    public List<MariaDbDatabaseResource> Databases { get; } = [];

    public override string DisplayType => "Container";

    public override IEnumerable<Resource> Dependencies => base.Dependencies.Append(Password).Distinct();

    public EndpointReference PrimaryEndpoint => GetEndpoint(PrimaryEndpointName);

    /// <summary>The official image's variables, for the published container.</summary>
    public IEnumerable<EnvironmentEntry> ContainerEnvironment =>
    [
        new("MARIADB_ROOT_PASSWORD", new ParameterValue(Password)),
        .. Databases.Take(1).Select(d => new EnvironmentEntry("MARIADB_DATABASE", d.DatabaseName)),
    ];

    public ValueExpression ConnectionStringExpression => new FormattedValue(
        "Server={0};Port={1};User ID=" + UserName + ";Password={2}",
        new EndpointValue(PrimaryEndpoint, EndpointProperty.Host),
        new EndpointValue(PrimaryEndpoint, EndpointProperty.Port),
        new ParameterValue(Password));

    public override async Task<ProcessSpec> PrepareAsync(RunContext run, ResourceLogs logs, CancellationToken cancellationToken)
    {
        var mode = run.Configuration["MariaDb:Mode"] ?? "auto";
        var useContainer = mode switch
        {
            "container" => true,
            "local" => false,
            "auto" => await MachineTools.ContainerEngineAnswersAsync(cancellationToken),
            _ => throw new InvalidOperationException($"MariaDb:Mode '{mode}' is not one of auto, container, local."),
        };
        var password = run.Parameters.GetValue(Password);
        return useContainer
            ? ContainerSpec(run, password)
            : await LocalMariaDb.PrepareAsync(run, this, password, logs, cancellationToken);
    }

    private ProcessSpec ContainerSpec(RunContext run, string password)
    {
        var data = run.StatePath(Name, "container-data");
        Directory.CreateDirectory(data);
        var port = PrimaryEndpoint.Port;
        // `docker run` in the foreground: its log is the resource's log, and SIGTERM to it stops the container (--rm).
        return new ProcessSpec(MachineTools.Find("docker")!,
            ["run", "--rm", "--name", $"evoting-{Name}-{port}",
             "-p", $"{EndpointAnnotation.Host}:{port}:3306",
             "-e", "MARIADB_ROOT_PASSWORD",
             "-v", $"{data}:/var/lib/mysql",
             $"{Image}:{ImageTag}"],
            run.StateDirectory,
            new Dictionary<string, string> { ["MARIADB_ROOT_PASSWORD"] = password })
        { StopTimeout = TimeSpan.FromSeconds(20) };
    }

    public override async Task<bool> ProbeAsync(RunContext run, HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(ConnectionStringExpression.Resolve(run) + ";Connection Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken)) == 1;
        }
        catch (MySqlException)
        {
            return false;
        }
    }
}
