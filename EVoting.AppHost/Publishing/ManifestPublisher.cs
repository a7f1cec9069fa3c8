using System.Text.Json;
using System.Text.Json.Nodes;
using EVoting.AppHost.Hosting;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// Writes Aspire's deployment manifest (<c>aspire-8.0</c> schema): every resource in declaration order,
/// with expressions (<c>{api.bindings.http.url}</c>, <c>{mariadb.connectionString}</c>) instead of values.
/// Deterministic: no generated secrets, no absolute paths.
/// </summary>
public static class ManifestPublisher
{
    public const string Schema = "https://json.schemastore.org/aspire-8.0.json";

    public static string Render(IReadOnlyList<Resource> resources, string repositoryRoot, string outputDirectory)
    {
        var all = new JsonObject();
        foreach (var resource in resources)
            all[resource.Name] = Describe(resource, repositoryRoot, outputDirectory);
        var manifest = new JsonObject { ["$schema"] = Schema, ["resources"] = all };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Describe(Resource resource, string repositoryRoot, string outputDirectory) => resource switch
    {
        ParameterResource p => Parameter(p),
        MariaDbDatabaseResource d => new JsonObject { ["type"] = "value.v0", ["connectionString"] = d.ConnectionStringExpression.ToManifest() },
        MariaDbServerResource m => WithProcessParts(new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = m.ConnectionStringExpression.ToManifest(),
            ["image"] = $"{MariaDbServerResource.Image}:{MariaDbServerResource.ImageTag}",
        }, m, includeVolumes: true),
        ProjectResource p => WithProcessParts(new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = RelativePath(Path.Combine(repositoryRoot, p.ProjectPath), outputDirectory),
        }, p, includeVolumes: false),
        ExecutableResource e => WithProcessParts(new JsonObject
        {
            ["type"] = "executable.v0",
            ["workingDirectory"] = RelativePath(Path.Combine(repositoryRoot, e.WorkingDirectory), outputDirectory),
            ["command"] = e.Command,
            ["args"] = new JsonArray(ExecutableArgs(e).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        }, e, includeVolumes: false),
        _ => throw new NotSupportedException($"The manifest has no form for '{resource.Name}' ({resource.GetType().Name})."),
    };

    private static JsonObject Parameter(ParameterResource p)
    {
        var input = new JsonObject { ["type"] = "string" };
        if (p.Secret)
            input["secret"] = true;
        switch (p.Default)
        {
            case GenerateParameterDefault g:
                var generate = new JsonObject { ["minLength"] = g.MinLength };
                if (!g.Lower) generate["lower"] = false;
                if (!g.Upper) generate["upper"] = false;
                if (!g.Numeric) generate["numeric"] = false;
                if (!g.Special) generate["special"] = false;
                input["default"] = new JsonObject { ["generate"] = generate };
                break;
            case ConstantParameterDefault c:
                input["default"] = new JsonObject { ["value"] = c.Value };
                break;
            // A secp256k1 key cannot be described as a generated string: the deployment must supply it.
        }
        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{p.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    private static JsonObject WithProcessParts(JsonObject node, ProcessResource resource, bool includeVolumes)
    {
        if (includeVolumes && resource.Volumes.Count > 0)
        {
            node["volumes"] = new JsonArray(resource.Volumes.Where(v => !v.IsBindMount)
                .Select(v => (JsonNode?)new JsonObject { ["name"] = v.Source, ["target"] = v.Target, ["readOnly"] = v.IsReadOnly }).ToArray());
        }
        var env = new JsonObject();
        foreach (var (name, value) in PublishedEnvironment.ForManifest(resource))
            env[name] = value;
        if (env.Count > 0)
            node["env"] = env;
        var bindings = new JsonObject();
        foreach (var endpoint in resource.Endpoints)
        {
            var binding = new JsonObject
            {
                ["scheme"] = endpoint.Scheme,
                ["protocol"] = "tcp",
                ["transport"] = endpoint.Scheme is "http" or "https" ? "http" : "tcp",
            };
            if (endpoint.Port is { } port)
                binding["port"] = port;
            if (endpoint.TargetPort is { } target)
                binding["targetPort"] = target;
            if (endpoint.PortEnvironmentVariable is { } variable)
                binding["env"] = variable;
            if (endpoint.IsExternal)
                binding["external"] = true;
            bindings[endpoint.Name] = binding;
        }
        if (bindings.Count > 0)
            node["bindings"] = bindings;
        return node;
    }

    private static IEnumerable<string> ExecutableArgs(ExecutableResource e) => e switch
    {
        NpmAppResource npm => ["run", npm.ActiveScript, .. npm.ScriptArgs.Count > 0 ? ["--", .. npm.ScriptArgs.Select(a => a.ToManifest())] : Array.Empty<string>()],
        _ => e.Args.Select(a => a.ToManifest()),
    };

    private static string RelativePath(string path, string fromDirectory) =>
        Path.GetRelativePath(fromDirectory, path).Replace('\\', '/');
}
