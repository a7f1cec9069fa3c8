using System.Globalization;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// Turns the values in Aspire's model (what environment callbacks put in, connection strings, endpoint references,
/// parameters) into what they are inside the compose network: an endpoint is <c>&lt;scheme&gt;://&lt;service&gt;:&lt;port
/// inside the container&gt;</c>, a parameter is a <c>${VARIABLE}</c> taken from .env, a literal <c>$</c> is doubled so
/// compose does not interpolate it. A value it does not know fails the publish rather than being written wrong.
/// </summary>
public static class ComposeValues
{
    public static async Task<string> ResolveAsync(object? value, CancellationToken ct) => value switch
    {
        null => "",
        string text => Escape(text),
        ParameterResource parameter => "${" + VariableName(parameter) + "}",
        EndpointReference endpoint => $"{endpoint.Scheme}://{ServiceName(endpoint.Resource)}:{InternalPort(endpoint)}",
        EndpointReferenceExpression expression => EndpointProperty(expression),
        ConnectionStringReference reference => await ResolveAsync(reference.Resource.ConnectionStringExpression, ct),
        IResourceWithConnectionString resource => await ResolveAsync(resource.ConnectionStringExpression, ct),
        ReferenceExpression expression => await ResolveExpressionAsync(expression, ct),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be written to the compose file."),
    };

    /// <summary>The parameter's <see cref="ComposeVariableAnnotation"/>, else its name in upper snake case (<c>jwt-signing-key</c> → <c>JWT_SIGNING_KEY</c>).</summary>
    public static string VariableName(ParameterResource parameter) =>
        parameter.Annotations.OfType<ComposeVariableAnnotation>().LastOrDefault()?.Name
        ?? parameter.Name.Replace('-', '_').Replace('.', '_').ToUpperInvariant();

    /// <summary>A compose service is named after its resource, as in Aspire's Docker publisher.</summary>
    public static string ServiceName(IResource resource) => resource.Name.ToLowerInvariant();

    /// <summary>The port the process listens on inside its container: the target port, else the one port given.</summary>
    public static int InternalPort(EndpointAnnotation endpoint) =>
        endpoint.TargetPort ?? endpoint.Port
        ?? throw new InvalidOperationException($"Endpoint '{endpoint.Name}' has no port to publish in the compose file.");

    private static int InternalPort(EndpointReference endpoint) => InternalPort(endpoint.EndpointAnnotation);

    private static string EndpointProperty(EndpointReferenceExpression expression)
    {
        var endpoint = expression.Endpoint;
        var port = InternalPort(endpoint).ToString(CultureInfo.InvariantCulture);
        var host = ServiceName(endpoint.Resource);
        return expression.Property switch
        {
            Aspire.Hosting.ApplicationModel.EndpointProperty.Url => $"{endpoint.Scheme}://{host}:{port}",
            Aspire.Hosting.ApplicationModel.EndpointProperty.Host or Aspire.Hosting.ApplicationModel.EndpointProperty.IPV4Host => host,
            Aspire.Hosting.ApplicationModel.EndpointProperty.Port or Aspire.Hosting.ApplicationModel.EndpointProperty.TargetPort => port,
            Aspire.Hosting.ApplicationModel.EndpointProperty.HostAndPort => $"{host}:{port}",
            Aspire.Hosting.ApplicationModel.EndpointProperty.Scheme => endpoint.Scheme,
            var other => throw new NotSupportedException($"Endpoint property {other} cannot be written to the compose file."),
        };
    }

    private static async Task<string> ResolveExpressionAsync(ReferenceExpression expression, CancellationToken ct)
    {
        // Compose cannot choose at deployment time: a conditional is decided now, as Aspire's Docker publisher does.
        if (expression.IsConditional)
        {
            var condition = await expression.Condition!.GetValueAsync(ct);
            var branch = string.Equals(condition, expression.MatchValue, StringComparison.OrdinalIgnoreCase) ? expression.WhenTrue : expression.WhenFalse;
            return await ResolveAsync(branch, ct);
        }
        if (expression.StringFormats.Any(f => f is not null))
            throw new NotSupportedException($"Format specifiers in '{expression.Format}' cannot be written to the compose file.");

        var parts = new object[expression.ValueProviders.Count];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = await ResolveAsync(expression.ValueProviders[i], ct);
        return string.Format(CultureInfo.InvariantCulture, Escape(expression.Format), parts);
    }

    // "$" starts an interpolation in a compose file; "$$" is a literal dollar.
    private static string Escape(string literal) =>
        literal.Contains('$', StringComparison.Ordinal) ? new StringBuilder(literal).Replace("$", "$$").ToString() : literal;
}
