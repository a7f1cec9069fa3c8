using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EVoting.Tests.AppHost;

/// <summary>
/// The checked-in aspire-manifest.json, docker-compose.yml and .env.example against a fresh publish by the built
/// AppHost (docs/apphost.md, Publish): the same bytes, and a compose file that says what the model says.
/// Self-contained: it runs the AppHost's dll as the publish commands do, through no test harness.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PublishTests(PublishTests.Published published) : IClassFixture<PublishTests.Published>
{
    private const string Regenerate =
        "differs from a fresh publish. From the repository root run " +
        "`dotnet run --project EVoting.AppHost -- --publisher manifest --output-path ../aspire-manifest.json` and " +
        "`dotnet run --project EVoting.AppHost -- --operation publish --step publish-docker-compose --output-path ..`, then commit the files";

    private static readonly string[] Validators = ["validator-1", "validator-2", "validator-3"];

    [Fact]
    public void The_checked_in_manifest_is_what_Aspires_manifest_publisher_writes()
    {
        Assert.True(Checked("aspire-manifest.json") == published.Manifest, "aspire-manifest.json " + Regenerate);
    }

    [Fact]
    public void The_checked_in_compose_file_and_env_example_are_what_the_compose_step_writes()
    {
        Assert.True(Checked("docker-compose.yml") == published.Compose, "docker-compose.yml " + Regenerate);
        Assert.True(Checked(".env.example") == published.EnvExample, ".env.example " + Regenerate);
    }

    [Fact]
    public async Task Publishing_again_writes_the_same_bytes()
    {
        var again = await Published.PublishAsync();
        Assert.Equal(published.Manifest, again.Manifest);
        Assert.Equal(published.Compose, again.Compose);
        Assert.Equal(published.EnvExample, again.EnvExample);
    }

    [Fact]
    public void Every_runnable_resource_of_the_model_is_a_service_beside_the_dashboard()
    {
        var runnable = JsonNode.Parse(published.Manifest)!["resources"]!.AsObject()
            .Where(r => r.Value!["type"]!.GetValue<string>() is "project.v0" or "container.v0" or "executable.v0")
            .Select(r => r.Key)
            .ToList();
        Assert.Equal(["mariadb", "bootnode", .. Validators, "api", "frontend"], runnable);

        var services = Services();
        Assert.Equal(["aspire-dashboard", .. runnable], services.Children.Keys.Select(k => k.ToString()));
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.Equal("unless-stopped", Scalar(service, "restart"));
            Assert.Equal(["aspire"], Sequence(service, "networks"));
            if (name.ToString() != "aspire-dashboard")
                Assert.True(service.Children.ContainsKey("healthcheck"), $"{name} has no health check");
        }
        Assert.Equal("docker.io/library/mariadb:11.4", Scalar(Service("mariadb"), "image"));
        Assert.Equal("docker/Dockerfile.backend", Scalar((YamlMappingNode)Service("api")["build"], "dockerfile"));
        Assert.Equal("docker/Dockerfile.frontend", Scalar((YamlMappingNode)Service("frontend")["build"], "dockerfile"));
    }

    [Fact]
    public void Depends_on_follows_WaitFor_and_references_use_the_service_names_and_ports()
    {
        Assert.Equal("service_healthy", Condition("api", "mariadb"));
        Assert.Equal("service_healthy", Condition("frontend", "api"));
        // A validator does not wait for the bootnode (it must start while the bootnode is down, with the
        // peers it remembers); the api does not wait for the validators (its outbox keeps the votes).
        foreach (var validator in Validators)
            Assert.False(((YamlMappingNode)Service(validator)["depends_on"]).Children.ContainsKey("bootnode"));
        Assert.False(((YamlMappingNode)Service("api")["depends_on"]).Children.ContainsKey("validator-1"));

        Assert.Equal("http://bootnode:8546", Environment("validator-2")["BOOTNODE_URL"]);
        Assert.Equal("http://validator-3:8003", Environment("api")["services__validators__http__2"]);
        Assert.Equal("Server=mariadb;Port=3306;User ID=root;Password=${MARIADB_PASSWORD};Database=evoting", Environment("api")["ConnectionStrings__evoting"]);
        Assert.Equal("http://api:8000", Environment("frontend")["services__api__http__0"]);
        Assert.Equal(["8002:8002", "30304:30304"], Sequence(Service("validator-2"), "ports"));
    }

    [Fact]
    public void MariaDB_and_each_validator_keep_their_data_in_named_volumes_and_the_genesis_is_mounted_read_only()
    {
        var volumes = (YamlMappingNode)Root()["volumes"];
        Assert.Equal(["mariadb-data", .. Validators.Select(v => $"{v}-data")], volumes.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["mariadb-data:/var/lib/mysql"], Sequence(Service("mariadb"), "volumes"));
        foreach (var validator in Validators)
        {
            Assert.Equal([$"{validator}-data:/data", "./genesis.json:/app/genesis.json:ro"], Sequence(Service(validator), "volumes"));
            Assert.Equal("/data", Environment(validator)["DATA_DIR"]);
        }
        foreach (var name in new[] { "bootnode", "api" })
            Assert.Equal(["./genesis.json:/app/genesis.json:ro"], Sequence(Service(name), "volumes"));
    }

    [Fact]
    public void Every_service_but_MariaDB_exports_telemetry_to_the_dashboard()
    {
        var dashboard = Service("aspire-dashboard");
        Assert.Equal("mcr.microsoft.com/dotnet/aspire-dashboard:13.6", Scalar(dashboard, "image"));
        Assert.Equal(["127.0.0.1:18888:18888"], Sequence(dashboard, "ports"));
        Assert.Equal(["18889"], Sequence(dashboard, "expose"));

        string[] exporters = ["bootnode", .. Validators, "api", "frontend"];
        foreach (var name in exporters)
        {
            Assert.Equal("http://aspire-dashboard:18889", Environment(name)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(name, Environment(name)["OTEL_SERVICE_NAME"]);
        }
        Assert.False(Environment("mariadb").ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void No_secret_value_is_published_and_every_variable_is_documented()
    {
        var everything = published.Manifest + published.Compose + published.EnvExample;
        Assert.DoesNotMatch("0x[0-9a-fA-F]{64}", everything);
        // The values this machine generated and persisted for a local run (Aspire's user secrets), if any.
        foreach (var secret in PersistedSecrets())
            Assert.DoesNotContain(secret, everything);

        var lines = published.EnvExample.Split('\n');
        var documented = lines.Where(l => l.Contains('=') && !l.StartsWith('#')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        var used = VariablePattern().Matches(published.Compose).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(used.Order(), documented.Keys.Order());
        Assert.Equal("admin@evoting.local", documented["ADMIN_EMAIL"]);
        foreach (var secret in new[] { "MARIADB_PASSWORD", "API_SUBMITTER_PRIVATE_KEY", "VALIDATOR_1_PRIVATE_KEY", "JWT_SIGNING_KEY", "DATA_PROTECTION_KEY", "ADMIN_PASSWORD" })
            Assert.Equal("", documented[secret]);
        Assert.Equal("${VALIDATOR_1_PRIVATE_KEY}", Environment("validator-1")["PRIVATE_KEY"]);
        foreach (var validator in Validators)
            Assert.Equal("2", Environment(validator)["MALLOC_ARENA_MAX"]); // docs/benchmarks.md, "Memory"
        Assert.Equal("${ADMIN_PASSWORD}", Environment("api")["ADMIN_PASSWORD"]);
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex VariablePattern();

    private static string Checked(string file) => File.ReadAllText(Path.Combine(Published.RepositoryRoot, file));

    private YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(published.Compose));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private YamlMappingNode Services() => (YamlMappingNode)Root()["services"];

    private YamlMappingNode Service(string name) => (YamlMappingNode)Services()[name];

    private Dictionary<string, string> Environment(string service) =>
        Service(service).Children.TryGetValue("environment", out var environment)
            ? ((YamlMappingNode)environment).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString())
            : [];

    private string Condition(string service, string dependency) =>
        Scalar((YamlMappingNode)((YamlMappingNode)Service(service)["depends_on"])[dependency], "condition");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    private static IEnumerable<string> PersistedSecrets()
    {
        // Where `dotnet user-secrets` keeps them (the AppHost's UserSecretsId).
        var folder = OperatingSystem.IsWindows()
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.ApplicationData), "Microsoft", "UserSecrets")
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets");
        var file = Path.Combine(folder, "evoting-apphost-5d6f1c2e", "secrets.json");
        if (!File.Exists(file))
            return [];
        return (JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [])
            .Select(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "")
            .Where(v => v.Length >= 8)
            .ToList();
    }

    /// <summary>One publish of all three files into a temporary folder, shared by the tests.</summary>
    public sealed class Published : IAsyncLifetime
    {
        public static readonly string RepositoryRoot = Tests.RepositoryRoot.Path;

        public string Manifest { get; private set; } = "";
        public string Compose { get; private set; } = "";
        public string EnvExample { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            var files = await PublishAsync();
            (Manifest, Compose, EnvExample) = (files.Manifest, files.Compose, files.EnvExample);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        /// <summary>The two publish commands, run by the built AppHost into a new temporary folder.</summary>
        public static async Task<(string Manifest, string Compose, string EnvExample)> PublishAsync()
        {
            var output = Directory.CreateTempSubdirectory("evoting-publish-").FullName;
            try
            {
                var manifestPath = Path.Combine(output, "aspire-manifest.json");
                await RunAppHostAsync("--publisher", "manifest", "--output-path", manifestPath);
                await RunAppHostAsync("--operation", "publish", "--step", "publish-docker-compose", "--output-path", output);
                return (
                    RelativeToRepositoryRoot(await File.ReadAllTextAsync(manifestPath), output),
                    await File.ReadAllTextAsync(Path.Combine(output, "docker-compose.yml")),
                    await File.ReadAllTextAsync(Path.Combine(output, ".env.example")));
            }
            finally
            {
                Directory.Delete(output, recursive: true);
            }
        }

        /// <summary>
        /// The manifest's paths are relative to the folder it is written to (the repository root for the checked-in
        /// one): "../../work/repo/EVoting.Api/…" from a temporary folder is "EVoting.Api/…" from the root.
        /// </summary>
        private static string RelativeToRepositoryRoot(string manifest, string folder)
        {
            var fromFolder = Path.GetRelativePath(folder, RepositoryRoot).Replace('\\', '/');
            return manifest.Replace($"\": \"{fromFolder}/", "\": \"", StringComparison.Ordinal)
                .Replace($"\": \"{fromFolder}\"", "\": \".\"", StringComparison.Ordinal);
        }

        private static async Task RunAppHostAsync(params string[] args)
        {
            // The AppHost as built beside these tests (same configuration): bin/<Configuration>/net10.0/.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot, "EVoting.AppHost", "bin", configuration, "net10.0", "EVoting.AppHost.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build EVoting.AppHost ({configuration}) first.");

            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The AppHost did not finish publishing within 2 minutes ({string.Join(' ', args)}):\n{await stdout}{await stderr}");
            }
            Assert.True(process.ExitCode == 0, $"The AppHost exited with {process.ExitCode} ({string.Join(' ', args)}):\n{await stdout}{await stderr}");
        }
    }
}
