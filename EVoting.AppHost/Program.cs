using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EVoting.AppHost;
using EVoting.AppHost.Frontend;
using EVoting.AppHost.Keys;
using EVoting.AppHost.MariaDb;
using EVoting.AppHost.Publishing;

// From the repository root (a relative --output-path is relative to EVoting.AppHost/, where `dotnet run` starts it):
//   dotnet run --project EVoting.AppHost                                                                             run everything, with the dashboard
//   dotnet run --project EVoting.AppHost -- --publisher manifest --output-path ../aspire-manifest.json               Aspire's manifest
//   dotnet run --project EVoting.AppHost -- --operation publish --step publish-docker-compose --output-path ..       docker-compose.yml and .env.example
// (--step runs only that step: a plain --operation publish also runs Docker's build steps, which fail without Docker.)
// The resources, in dependency order; docs/apphost.md has the ports and names.
var builder = DistributedApplication.CreateBuilder(args);
var options = EVotingOptions.From(builder.Configuration, builder.AppHostDirectory);
var run = builder.ExecutionContext.IsRunMode;
// Published, each container listens on its service's public port (the seed's ports); run, DCP's proxy holds the
// public port and the process gets another.
int? Inside(int port) => run ? null : port;

var db = builder.AddMariaDb("mariadb", options.StateDirectory, port: 3306)
    .AddDatabase("evoting");

// Keys: secret parameters, generated once per machine for a local run. The variable names are those
// `evoting keys generate` writes into .env, so its output fills the compose file's variables.
var submitterKey = builder.AddParameter("submitter-key", new Secp256k1KeyDefault(), secret: true, persist: true)
    .WithComposeVariable("API_SUBMITTER_PRIVATE_KEY");
var validatorKeys = Enumerable.Range(1, options.Validators)
    .Select(i => builder.AddParameter($"validator-{i}-key", new Secp256k1KeyDefault(), secret: true, persist: true)
        .WithComposeVariable($"VALIDATOR_{i}_PRIVATE_KEY"))
    .ToList();
var genesis = new GenesisFile(validatorKeys.Select(k => k.Resource).ToList(), submitterKey.Resource, options);
var genesisPath = run ? genesis.LocalPath : GenesisFile.ContainerPath;
if (run)
    builder.Eventing.Subscribe<BeforeStartEvent>((_, ct) => genesis.EnsureAsync(ct));

// With the genesis, the bootnode registers only the genesis validators.
var bootnode = builder.AddProject<Projects.EVoting_Bootnode>("bootnode")
    .WithHttpEndpoint(port: 8546, targetPort: Inside(8546), env: "BOOTNODE_PORT")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithEnvironment("GENESIS_PATH", genesisPath)
    .WithComposeDockerfile("docker/Dockerfile.bootnode")
    .WithComposeVolume("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);

var validators = validatorKeys.Select((key, i) =>
{
    var name = $"validator-{i + 1}";
    return builder.AddProject<Projects.EVoting_Validator>(name)
        .WithHttpEndpoint(port: 8001 + i, targetPort: Inside(8001 + i), name: "rpc", env: "RPC_PORT")
        .WithEndpoint(port: 30303 + i, targetPort: Inside(30303 + i), name: "p2p", env: "P2P_PORT", scheme: "tcp", isExternal: true)
        .WithHttpHealthCheck("/health", endpointName: "rpc")
        .WithExternalHttpEndpoints()
        .WithEnvironment("NODE_ID", name)
        .WithEnvironment("PRIVATE_KEY", key)
        .WithEnvironment("GENESIS_PATH", genesisPath)
        .WithEnvironment("DATA_DIR", run ? GenesisFile.ValidatorDataDirectory(options.StateDirectory, name) : "/data")
        .WithEnvironment("P2P_HOST", run ? "127.0.0.1" : "0.0.0.0")
        .WithEnvironment("P2P_ADVERTISE_HOST", run ? "127.0.0.1" : name)
        .WithEnvironment("BOOTNODE_URL", bootnode.GetEndpoint("http"))
        // glibc's default of 8 malloc arenas per core kept native memory freed by SQLite and the runtime from being
        // reused across threads; two bound it (with gen-2 compaction, docs/benchmarks.md "Memory").
        .WithEnvironment("MALLOC_ARENA_MAX", "2")
        // No WaitFor: a validator must start while the bootnode is down (it only helps peers find each other;
        // a validator remembers its peers), and Aspire applies WaitFor to every start, not just the first.
        .WithReference(bootnode)
        .WithComposeDockerfile("docker/Dockerfile.validator")
        .WithComposeVolume($"{name}-data", "/data")
        .WithComposeVolume("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);
}).ToList();

var api = builder.AddProject<Projects.EVoting_Api>("api")
    .WithHttpEndpoint(port: 8000, targetPort: Inside(8000))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(db).WaitFor(db)
    .WithServiceGroup("validators", validators.Select(v => v.GetEndpoint("rpc")).ToList())
    .WithEnvironment("GENESIS_PATH", genesisPath)
    .WithEnvironment("API_SUBMITTER_PRIVATE_KEY", submitterKey)
    .WithEnvironment("JWT_SIGNING_KEY", builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48 }, secret: true, persist: true))
    .WithEnvironment("DATA_PROTECTION_KEY", builder.AddParameter("data-protection-key", new GenerateParameterDefault { MinLength = 48 }, secret: true, persist: true))
    .WithEnvironment("ADMIN_EMAIL", builder.AddParameter("admin-email", new OverridableDefault("admin@evoting.local"), secret: false, persist: false))
    .WithEnvironment("ADMIN_PASSWORD", builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 20 }, secret: true, persist: true))
    // Whose X-Forwarded-For names the client: the frontend's server (this machine in a local run; in compose a container
    // of the compose network, whose address Docker picks from its private pools). docs/api.md "Abuse limits".
    .WithEnvironment("RateLimits__TrustedProxies", builder.AddParameter("api-trusted-proxies",
        new OverridableDefault("127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"), secret: false, persist: false)
        .WithComposeVariable("API_TRUSTED_PROXIES"))
    // A local run is one machine: `evoting load` and the tests register thousands of voters from 127.0.0.1,
    // which the per-address limits would refuse. Published, the limits apply to every client (docs/api.md "Abuse limits").
    .WithEnvironment(context => { if (run) context.EnvironmentVariables["RateLimits__ExemptLoopback"] = "true"; })
    .WithComposeDockerfile("docker/Dockerfile.backend")
    .WithComposeVolume("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);

// /health, not a page: a page render every probe cost `next dev` ~13 % of a core (docs/benchmarks.md).
builder.AddFrontend("frontend", "../frontend", options.FrontendMode)
    .WithHttpEndpoint(port: 3000, targetPort: Inside(3000), env: "PORT")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(api).WaitFor(api)
    // The results page's tally check reads the chain through the frontend's read-only /chain-rpc proxy (docs/frontend.md).
    .WithServiceGroup("validators", validators.Select(v => v.GetEndpoint("rpc")).ToList())
    .WithComposeDockerfile("docker/Dockerfile.frontend");

if (!run)
    builder.AddDockerComposePublishing();

builder.Build().Run();
