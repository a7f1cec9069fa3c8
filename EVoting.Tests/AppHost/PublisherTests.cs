using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EVoting.AppHost;
using EVoting.AppHost.Hosting;
using EVoting.AppHost.Publishing;
using YamlDotNet.RepresentationModel;

namespace EVoting.Tests.AppHost;

/// <summary>The checked-in aspire-manifest.json, docker-compose.yml and .env.example against a fresh publish.</summary>
public sealed partial class PublisherTests
{
    private static readonly string Root = RepositoryLayout.FindRoot();

    private static IReadOnlyList<Resource> Graph()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = ["--publisher", "manifest"] });
        EVotingAppHost.Declare(builder, new EVotingOptions());
        return builder.Resources;
    }

    private static string Manifest() => ManifestPublisher.Render(Graph(), Root, Root);

    private static string Checked(string file) => File.ReadAllText(Path.Combine(Root, file));

    private const string Regenerate =
        "differs from a fresh publish: run `dotnet run --project EVoting.AppHost -- --publisher manifest --output-path aspire-manifest.json` " +
        "and `… --publisher docker-compose --output-path .`, then commit the files";

    [Fact]
    public void The_checked_in_manifest_is_what_publishing_writes()
    {
        Assert.True(Checked("aspire-manifest.json") == Manifest(), "aspire-manifest.json " + Regenerate);
    }

    [Fact]
    public void The_checked_in_compose_file_and_env_example_are_what_publishing_writes()
    {
        var (compose, env) = DockerComposePublisher.Render(Graph());
        Assert.True(Checked("docker-compose.yml") == compose, "docker-compose.yml " + Regenerate);
        Assert.True(Checked(".env.example") == env, ".env.example " + Regenerate);
    }

    [Fact]
    public void Publishing_twice_gives_identical_files_without_secrets_or_absolute_paths()
    {
        var first = Manifest() + DockerComposePublisher.Render(Graph());
        var second = Manifest() + DockerComposePublisher.Render(Graph());

        Assert.Equal(first, second);
        Assert.DoesNotContain(Root, first);
        Assert.DoesNotContain(Path.GetTempPath(), first);
        Assert.DoesNotMatch("0x[0-9a-f]{64}", first);
    }

    [Fact]
    public void The_compose_file_parses_and_every_variable_it_uses_is_documented_in_env_example()
    {
        var compose = Checked("docker-compose.yml");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(compose));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Assert.Equal(8, services.Children.Count);

        var documented = Checked(".env.example").Split('\n')
            .Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=')]).ToHashSet();
        var used = VariablePattern().Matches(compose).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(documented));
        Assert.Contains("VALIDATOR_1_PRIVATE_KEY", used);
        Assert.Contains("MARIADB_PASSWORD", used);
    }

    [Fact]
    public void Every_runnable_resource_in_the_manifest_is_a_compose_service_with_health_check_and_restart_policy()
    {
        var manifest = JsonNode.Parse(Checked("aspire-manifest.json"))!["resources"]!.AsObject();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Checked("docker-compose.yml")));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];

        var runnable = manifest.Where(r => r.Value!["type"]!.GetValue<string>() is "project.v0" or "container.v0" or "executable.v0").Select(r => r.Key).ToList();
        Assert.Equal(["mariadb", "bootnode", "validator-1", "validator-2", "validator-3", "api", "frontend"], runnable);
        foreach (var name in runnable.Append("aspire-dashboard"))
        {
            var service = (YamlMappingNode)services[name];
            Assert.Equal("unless-stopped", service["restart"].ToString());
            Assert.Equal("aspire", ((YamlSequenceNode)service["networks"]).Children.Single().ToString());
            if (name != "aspire-dashboard")
                Assert.True(service.Children.ContainsKey("healthcheck"), name + " has a health check");
        }
        var api = (YamlMappingNode)services["api"];
        var apiEnv = (YamlMappingNode)api["environment"];
        Assert.Equal("http://validator-2:8002", apiEnv["services__validators__http__1"].ToString());
        Assert.Equal("Server=mariadb;Port=3306;User ID=root;Password=${MARIADB_PASSWORD};Database=evoting", apiEnv["ConnectionStrings__evoting"].ToString());
        Assert.Equal("http://aspire-dashboard:18889", apiEnv["OTEL_EXPORTER_OTLP_ENDPOINT"].ToString());
        Assert.Equal("service_healthy", ((YamlMappingNode)api["depends_on"])["mariadb"]["condition"].ToString());
        Assert.Contains("validator-1-data:/data", ((YamlSequenceNode)services["validator-1"]["volumes"]).Children.Select(c => c.ToString()));
    }

    [Fact]
    public void The_manifest_has_the_resource_types_and_secret_parameters()
    {
        var resources = JsonNode.Parse(Checked("aspire-manifest.json"))!.AsObject();
        Assert.Equal(ManifestPublisher.Schema, resources["$schema"]!.GetValue<string>());
        var all = resources["resources"]!.AsObject();
        string TypeOf(string name) => all[name]!["type"]!.GetValue<string>();

        Assert.Equal("container.v0", TypeOf("mariadb"));
        Assert.Equal("value.v0", TypeOf("evoting"));
        Assert.Equal("project.v0", TypeOf("api"));
        Assert.Equal("executable.v0", TypeOf("frontend"));
        Assert.Equal("{mariadb.connectionString};Database=evoting", all["evoting"]!["connectionString"]!.GetValue<string>());
        Assert.Equal("{evoting.connectionString}", all["api"]!["env"]!["ConnectionStrings__evoting"]!.GetValue<string>());
        Assert.Equal("{bootnode.bindings.http.url}", all["validator-1"]!["env"]!["BOOTNODE_URL"]!.GetValue<string>());
        Assert.Equal("EVoting.Api/EVoting.Api.csproj", all["api"]!["path"]!.GetValue<string>());
        foreach (var secret in new[] { "validator-1-key", "validator-2-key", "validator-3-key", "submitter-key", "jwt-signing-key", "data-protection-key", "admin-password", "mariadb-password" })
        {
            Assert.Equal("parameter.v0", TypeOf(secret));
            Assert.True(all[secret]!["inputs"]!["value"]!["secret"]!.GetValue<bool>(), secret);
        }
        Assert.Equal(22, all["jwt-signing-key"]!["inputs"]!["value"]!["default"]!["generate"]!["minLength"]!.GetValue<int>());
    }

    [Fact]
    public void Every_Dockerfile_the_compose_file_builds_is_multi_stage_non_root_and_health_checked()
    {
        foreach (var name in new[] { "bootnode", "validator", "backend", "frontend" })
        {
            var dockerfile = File.ReadAllText(Path.Combine(Root, "docker", "Dockerfile." + name));
            Assert.True(Regex.Matches(dockerfile, "^FROM ", RegexOptions.Multiline).Count >= 2, name + " is multi-stage");
            Assert.Matches(new Regex("^USER (app|node)$", RegexOptions.Multiline), dockerfile);
            Assert.Matches(new Regex("^HEALTHCHECK ", RegexOptions.Multiline), dockerfile);
            Assert.Contains($"docker/Dockerfile.{name}", Checked("docker-compose.yml"));
        }
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)[^}]*\}")]
    private static partial Regex VariablePattern();
}
