using EVoting.AppHost;
using EVoting.AppHost.Hosting;
using EVoting.Chain;

namespace EVoting.Tests.AppHost;

/// <summary>The real graph as Program.cs declares it: names, ports and the environment each service reads.</summary>
public sealed class EVotingGraphTests
{
    private static Dictionary<string, string> EnvironmentOf(DistributedApplication app, string resource) =>
        ((ProcessResource)app.GetResource(resource)).GetEnvironment(app.Run);

    [Fact]
    public async Task The_graph_has_the_seed_names_and_default_ports()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { StateDirectory = Path.GetTempPath() });
        EVotingAppHost.Declare(builder, new EVotingOptions());
        await using var app = builder.Build();

        int PortOf(string resource, string endpoint) => app.GetResource(resource).GetEndpoint(endpoint).Annotation.Port!.Value;
        Assert.Equal(8546, PortOf("bootnode", "http"));
        Assert.Equal([8001, 8002, 8003], EVotingAppHost.ValidatorNames().Select(v => PortOf(v, "rpc")));
        Assert.Equal([30303, 30304, 30305], EVotingAppHost.ValidatorNames().Select(v => PortOf(v, "p2p")));
        Assert.Equal(8000, PortOf("api", "http"));
        Assert.Equal(3000, PortOf("frontend", "http"));
        Assert.Equal(3306, app.GetResource("mariadb").GetEndpoint("tcp").Annotation.TargetPort);
        Assert.IsType<MariaDbDatabaseResource>(app.GetResource("evoting"));
        foreach (var secret in new[] { "validator-1-key", "validator-2-key", "validator-3-key", "submitter-key", "jwt-signing-key", "data-protection-key", "admin-password", "mariadb-password" })
            Assert.True(((ParameterResource)app.GetResource(secret)).Secret, secret);
    }

    [Fact]
    public async Task Validators_get_their_key_node_id_ports_bootnode_genesis_and_data_folder()
    {
        await using var app = EVotingAppHost.CreateTestBuilder().Build();

        var env = EnvironmentOf(app, "validator-2");

        Assert.Equal("validator-2", env["NODE_ID"]);
        Assert.Equal(app.GetParameterValue("validator-2-key"), env["PRIVATE_KEY"]);
        Assert.Equal(app.GetEndpoint("validator-2", "rpc").Port.ToString(), env["RPC_PORT"]);
        Assert.Equal(app.GetEndpoint("validator-2", "p2p").Port.ToString(), env["P2P_PORT"]);
        Assert.Equal(app.GetEndpoint("bootnode").ToString().TrimEnd('/'), env["BOOTNODE_URL"]);
        Assert.Equal(env["BOOTNODE_URL"], env["services__bootnode__http__0"]);
        Assert.Equal("127.0.0.1", env["P2P_HOST"]);
        Assert.StartsWith(app.StateDirectory, env["DATA_DIR"]);
        Assert.Contains($"http://127.0.0.1:{env["RPC_PORT"]}", env["ASPNETCORE_URLS"]);
        Assert.Equal("validator-2", env["OTEL_SERVICE_NAME"]);

        var genesis = Genesis.LoadFile(env["GENESIS_PATH"]);
        var expected = new[] { "validator-1-key", "validator-2-key", "validator-3-key" }.Select(k => EthKey.FromHex(app.GetParameterValue(k)).Address);
        Assert.Equal(expected, genesis.Validators);
        Assert.Equal([EthKey.FromHex(app.GetParameterValue("submitter-key")).Address], genesis.Submitters);
    }

    [Fact]
    public async Task The_api_gets_the_database_the_validators_as_one_service_the_genesis_and_its_secrets()
    {
        await using var app = EVotingAppHost.CreateTestBuilder().Build();

        var env = EnvironmentOf(app, "api");

        for (var i = 0; i < 3; i++)
            Assert.Equal(app.GetEndpoint($"validator-{i + 1}", "rpc").ToString().TrimEnd('/'), env[$"services__validators__http__{i}"]);
        Assert.Equal(app.GetConnectionString("evoting"), env["ConnectionStrings__evoting"]);
        Assert.EndsWith(";Database=evoting", env["ConnectionStrings__evoting"]);
        Assert.Equal(app.GetParameterValue("submitter-key"), env["API_SUBMITTER_PRIVATE_KEY"]);
        Assert.Equal(app.GetParameterValue("jwt-signing-key"), env["JWT_SIGNING_KEY"]);
        Assert.Equal(app.GetParameterValue("data-protection-key"), env["DATA_PROTECTION_KEY"]);
        Assert.Equal("admin@evoting.local", env["ADMIN_EMAIL"]);
        Assert.Equal(app.GetParameterValue("admin-password"), env["ADMIN_PASSWORD"]);
        Assert.Equal(EnvironmentOf(app, "validator-1")["GENESIS_PATH"], env["GENESIS_PATH"]);
        Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public async Task The_frontend_reaches_the_api_through_service_discovery()
    {
        await using var app = EVotingAppHost.CreateTestBuilder().Build();

        var env = EnvironmentOf(app, "frontend");

        Assert.Equal(app.GetEndpoint("api").ToString().TrimEnd('/'), env["services__api__http__0"]);
        Assert.Equal(app.GetEndpoint("frontend").Port.ToString(), env["PORT"]);
    }

    [Fact]
    public async Task The_genesis_keeps_its_hash_across_runs_and_changes_with_a_key()
    {
        var state = Path.Combine(Path.GetTempPath(), "evoting-genesis-" + Guid.NewGuid().ToString("N"));
        try
        {
            string GenesisHash(Dictionary<string, string>? parameters = null)
            {
                var app = EVotingAppHost.CreateTestBuilder(new EVotingTestOptions { StateDirectory = state, Parameters = parameters ?? [] }).Build();
                return Genesis.LoadFile(EnvironmentOf(app, "validator-1")["GENESIS_PATH"]).Hash.ToString();
            }
            var first = GenesisHash();
            var dataDir = Path.Combine(state, "validator-1", "data");
            Directory.CreateDirectory(dataDir);

            Assert.Equal(first, GenesisHash());
            Assert.True(Directory.Exists(dataDir), "an unchanged genesis keeps the chain data");

            var changed = GenesisHash(new() { ["validator-1-key"] = EthKey.Generate().ToHex() });
            Assert.NotEqual(first, changed);
            Assert.False(Directory.Exists(dataDir), "a new genesis is a new network: old chain data goes");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Validator_count_and_block_period_shape_the_graph_and_genesis()
    {
        await using var app = EVotingAppHost.CreateTestBuilder(new EVotingTestOptions { Validators = 4, BlockPeriodMs = 250 }).Build();

        var genesis = Genesis.LoadFile(EnvironmentOf(app, "validator-4")["GENESIS_PATH"]);

        Assert.Equal(4, genesis.Validators.Count);
        Assert.Equal(250, genesis.BlockPeriodMs);
        Assert.Equal(4, Enumerable.Range(0, 4).Count(i => EnvironmentOf(app, "api").ContainsKey($"services__validators__http__{i}")));
    }

    [Fact]
    public async Task Extra_environment_per_resource_overrides_the_declared_one()
    {
        await using var app = EVotingAppHost.CreateTestBuilder(new EVotingTestOptions
        {
            Environment = new() { ["api"] = new() { ["Auth__MaxFailedLogins"] = "3", ["ADMIN_EMAIL"] = "root@test" } },
        }).Build();

        var env = EnvironmentOf(app, "api");

        Assert.Equal("3", env["Auth__MaxFailedLogins"]);
        Assert.Equal("root@test", env["ADMIN_EMAIL"]);
    }

    [Fact]
    public async Task A_key_parameter_that_is_not_a_key_fails_with_its_name()
    {
        await using var app = EVotingAppHost.CreateTestBuilder(new EVotingTestOptions { Parameters = new Dictionary<string, string> { ["validator-3-key"] = "0x1234" } }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentOf(app, "validator-1"));

        Assert.Contains("validator-3-key", error.Message);
    }
}
