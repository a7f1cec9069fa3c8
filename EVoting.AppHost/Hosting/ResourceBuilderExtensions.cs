namespace EVoting.AppHost.Hosting;

/// <summary>Aspire's declaration API: <c>AddProject</c>, <c>WithReference</c>, <c>WaitFor</c>…</summary>
public static class ResourceBuilderExtensions
{
    // ---- resources ----

    /// <summary>A parameter; a secret one without configuration gets a generated value (kept in the state folder).</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret = false, string? description = null) =>
        builder.AddResource(new ParameterResource(name, secret, secret ? new GenerateParameterDefault() : null, description));

    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, ParameterDefault @default, bool secret = false, string? description = null) =>
        builder.AddResource(new ParameterResource(name, secret, @default, description));

    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, string value, string? description = null) =>
        builder.AddResource(new ParameterResource(name, secret: false, new ConstantParameterDefault(value), description));

    /// <summary>The variable that carries this parameter in the compose file's <c>.env</c>.</summary>
    public static IResourceBuilder<ParameterResource> WithEnvironmentVariableName(this IResourceBuilder<ParameterResource> builder, string name)
    {
        builder.Resource.EnvironmentVariableName = name;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject().ProjectPath));

    public static IResourceBuilder<ExecutableResource> AddExecutable(this DistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        var resource = new ExecutableResource(name, command, workingDirectory);
        resource.Args.AddRange(args.Select(a => (ValueExpression)a));
        return builder.AddResource(resource);
    }

    public static IResourceBuilder<NpmAppResource> AddNpmApp(this DistributedApplicationBuilder builder, string name, string workingDirectory, string scriptName = "start") =>
        builder.AddResource(new NpmAppResource(name, workingDirectory, scriptName));

    /// <summary>A MariaDB server; its root password is the secret parameter <c>&lt;name&gt;-password</c> unless given.</summary>
    public static IResourceBuilder<MariaDbServerResource> AddMariaDb(this DistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource>? password = null)
    {
        password ??= builder.AddParameter(name + "-password", secret: true);
        return builder.AddResource(new MariaDbServerResource(name, password.Resource))
            .WithVolume(name + "-data", "/var/lib/mysql");
    }

    public static IResourceBuilder<MariaDbDatabaseResource> AddDatabase(this IResourceBuilder<MariaDbServerResource> server, string name, string? databaseName = null)
    {
        var database = new MariaDbDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    // ---- endpoints ----

    /// <summary>An http endpoint; <paramref name="env"/> names a variable that tells the process its port.</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string name = "http", string? env = null)
        where T : ProcessResource =>
        builder.WithEndpoint(port, targetPort, "http", name, env);

    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string scheme = "tcp", string name = "tcp", string? env = null)
        where T : ProcessResource
    {
        if (builder.Resource.Endpoints.Any(e => e.Name == name))
            throw new InvalidOperationException($"'{builder.Resource.Name}' already has an endpoint named '{name}'.");
        builder.Resource.Endpoints.Add(new EndpointAnnotation(name, scheme, port, targetPort, env));
        return builder;
    }

    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name) where T : Resource =>
        builder.Resource.GetEndpoint(name);

    // ---- environment and arguments ----

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, ValueExpression value) where T : Resource
    {
        builder.Resource.Environment.RemoveAll(e => e.Name == name);
        builder.Resource.Environment.Add(new EnvironmentEntry(name, value));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource =>
        builder.WithEnvironment(name, new LiteralValue(value));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter) where T : Resource =>
        builder.WithEnvironment(name, new ParameterValue(parameter.Resource));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpoint) where T : Resource =>
        builder.WithEnvironment(name, new EndpointValue(endpoint));

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params ValueExpression[] args) where T : Resource
    {
        builder.Resource.Args.AddRange(args);
        return builder;
    }

    // ---- references, ordering, health ----

    /// <summary>
    /// A connection string (<c>ConnectionStrings__&lt;name&gt;</c>) for a database, or service discovery
    /// (<c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c> for each endpoint) for a service.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source) where T : Resource
    {
        var resource = source.Resource;
        switch (resource)
        {
            case IResourceWithConnectionString withConnectionString:
                builder.WithEnvironment("ConnectionStrings__" + resource.Name, new ConnectionStringValue(withConnectionString));
                break;
            case IResourceWithEndpoints:
                foreach (var endpoint in resource.Endpoints)
                    builder.WithEnvironment($"services__{resource.Name}__{endpoint.Name}__0", new EndpointValue(resource.GetEndpoint(endpoint.Name)));
                break;
            default:
                throw new InvalidOperationException($"'{resource.Name}' has neither a connection string nor endpoints to reference.");
        }
        builder.Resource.References.Add(resource);
        return builder;
    }

    /// <summary>
    /// One logical service backed by several resources: <c>services__&lt;serviceName&gt;__http__0..n</c>
    /// from each source's <paramref name="endpointName"/> endpoint (e.g. <c>http://validators</c>).
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, string serviceName, string endpointName, params IResourceBuilder<Resource>[] sources) where T : Resource
    {
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i].Resource;
            builder.WithEnvironment($"services__{serviceName}__http__{i}", new EndpointValue(source.GetEndpoint(endpointName)));
            builder.Resource.References.Add(source);
        }
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency) where T : Resource
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
            builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http") where T : ProcessResource
    {
        builder.Resource.GetEndpoint(endpointName).Annotation.ToString(); // fails now, not at run time, if missing
        builder.Resource.HealthCheck = new HttpHealthCheck(path, endpointName);
        return builder;
    }

    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder) where T : ProcessResource
    {
        foreach (var endpoint in builder.Resource.Endpoints)
            endpoint.IsExternal = true;
        return builder;
    }

    // ---- published form ----

    /// <summary>A named volume at <paramref name="target"/> in the container (compose).</summary>
    public static IResourceBuilder<T> WithVolume<T>(this IResourceBuilder<T> builder, string name, string target) where T : Resource
    {
        builder.Resource.Volumes.Add(new VolumeAnnotation(name, target, IsBindMount: false, IsReadOnly: false));
        return builder;
    }

    /// <summary>A file or folder next to the compose file, mounted at <paramref name="target"/> (compose).</summary>
    public static IResourceBuilder<T> WithBindMount<T>(this IResourceBuilder<T> builder, string source, string target, bool isReadOnly = false) where T : Resource
    {
        builder.Resource.Volumes.Add(new VolumeAnnotation(source, target, IsBindMount: true, isReadOnly));
        return builder;
    }

    // ---- npm apps ----

    /// <summary>Arguments passed to the npm script after <c>--</c>.</summary>
    public static IResourceBuilder<NpmAppResource> WithScriptArgs(this IResourceBuilder<NpmAppResource> builder, params ValueExpression[] args)
    {
        builder.Resource.ScriptArgs.AddRange(args);
        return builder;
    }

    /// <summary><c>npm run build</c> then <c>npm run start</c> instead of the development script.</summary>
    public static IResourceBuilder<NpmAppResource> WithProductionBuild(this IResourceBuilder<NpmAppResource> builder, bool production = true)
    {
        builder.Resource.Production = production;
        return builder;
    }
}
