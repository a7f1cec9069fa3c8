namespace EVoting.AppHost.Hosting;

/// <summary>
/// A value in the app model (an environment variable, an argument, a connection string) that has three
/// renderings: the concrete value in a local run, an Aspire manifest expression, and a docker-compose value.
/// </summary>
public abstract class ValueExpression
{
    public abstract string Resolve(RunContext run);

    /// <summary>Aspire manifest form, e.g. <c>{bootnode.bindings.http.url}</c>.</summary>
    public abstract string ToManifest();

    /// <summary>docker-compose form, e.g. <c>http://bootnode:8546</c> or <c>${VALIDATOR_1_KEY}</c>.</summary>
    public abstract string ToCompose();

    /// <summary>Resources whose values this one is made of (references, for start order and selection).</summary>
    public virtual IEnumerable<Resource> Resources => [];

    public static implicit operator ValueExpression(string literal) => new LiteralValue(literal);
}

public sealed class LiteralValue(string value) : ValueExpression
{
    public string Value { get; } = value;
    public override string Resolve(RunContext run) => Value;
    public override string ToManifest() => Value;
    public override string ToCompose() => Value.Replace("$", "$$", StringComparison.Ordinal);
}

public sealed class ParameterValue(ParameterResource parameter) : ValueExpression
{
    public ParameterResource Parameter { get; } = parameter;
    public override string Resolve(RunContext run) => run.Parameters.GetValue(Parameter);
    public override string ToManifest() => $"{{{Parameter.Name}.value}}";
    public override string ToCompose() => "${" + Parameter.EnvironmentVariableName + "}";
    public override IEnumerable<Resource> Resources => [Parameter];
}

public enum EndpointProperty { Url, Host, Port, TargetPort }

public sealed class EndpointValue(EndpointReference endpoint, EndpointProperty property = EndpointProperty.Url) : ValueExpression
{
    public EndpointReference Endpoint { get; } = endpoint;
    public EndpointProperty Property { get; } = property;

    public override string Resolve(RunContext run) => Property switch
    {
        EndpointProperty.Url => Endpoint.Url.ToString().TrimEnd('/'),
        EndpointProperty.Host => Endpoint.Host,
        // No proxy in a local run: the process listens on the port clients use.
        _ => Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToManifest() =>
        $"{{{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}.{(Property == EndpointProperty.TargetPort ? "targetPort" : Property.ToString().ToLowerInvariant())}}}";

    // Inside the compose network a service is reached by its name on the port it listens on.
    public override string ToCompose()
    {
        var a = Endpoint.Annotation;
        return Property switch
        {
            EndpointProperty.Url => $"{a.Scheme}://{Endpoint.Resource.Name}:{a.TargetPort}",
            EndpointProperty.Host => Endpoint.Resource.Name,
            _ => $"{a.TargetPort}",
        };
    }

    public override IEnumerable<Resource> Resources => [Endpoint.Resource];
}

public sealed class ConnectionStringValue(IResourceWithConnectionString resource) : ValueExpression
{
    public IResourceWithConnectionString Resource { get; } = resource;
    public override string Resolve(RunContext run) => Resource.ConnectionStringExpression.Resolve(run);
    public override string ToManifest() => $"{{{Resource.Name}.connectionString}}";
    public override string ToCompose() => Resource.ConnectionStringExpression.ToCompose();
    public override IEnumerable<Resource> Resources => [(Resource)Resource];
}

/// <summary>A format string (<c>{0}</c>, <c>{1}</c>…) over other values, like Aspire's ReferenceExpression.</summary>
public sealed class FormattedValue(string format, params ValueExpression[] parts) : ValueExpression
{
    public string Format { get; } = format;
    public IReadOnlyList<ValueExpression> Parts { get; } = parts;

    public override string Resolve(RunContext run) => Render(p => p.Resolve(run));
    public override string ToManifest() => Render(p => p.ToManifest());
    public override string ToCompose() => Render(p => p.ToCompose());
    public override IEnumerable<Resource> Resources => Parts.SelectMany(p => p.Resources);

    private string Render(Func<ValueExpression, string> render) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, Parts.Select(render).ToArray<object>());
}

/// <summary>
/// A value that exists only on the machine running the AppHost (a file it writes into the state folder),
/// with its stand-ins for the manifest and the compose file.
/// </summary>
public sealed class RunValue(Func<RunContext, string> resolve, string manifest, string compose) : ValueExpression
{
    public override string Resolve(RunContext run) => resolve(run);
    public override string ToManifest() => manifest;
    public override string ToCompose() => compose;
}
