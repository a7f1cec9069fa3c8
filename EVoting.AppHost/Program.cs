using EVoting.AppHost;
using EVoting.AppHost.Hosting;

// dotnet run --project EVoting.AppHost                      run everything locally with the dashboard
// … -- --publisher manifest --output-path aspire-manifest.json   write the Aspire manifest
// … -- --publisher docker-compose --output-path .              write docker-compose.yml and .env.example
var builder = DistributedApplication.CreateBuilder(args);
EVotingAppHost.Declare(builder, EVotingOptions.From(builder.Configuration));
await using var app = builder.Build();
return await app.RunAsync();

namespace EVoting.AppHost
{
    public static partial class EVotingAppHost
    {
        /// <summary>The EVoting system, in dependency order (ARCHITECTURE.md has the ports and names).</summary>
        public static void Declare(DistributedApplicationBuilder builder, EVotingOptions options)
        {
            var db = builder.AddMariaDb("mariadb")
                .AddDatabase("evoting");

            // Keys: secret parameters (generated once per machine for a local run); the .env names are
            // those `evoting keys generate` writes, so its output fills the compose file's variables.
            var submitterKey = builder.AddParameter("submitter-key", new Secp256k1KeyDefault(), secret: true)
                .WithEnvironmentVariableName("API_SUBMITTER_PRIVATE_KEY");
            var validatorKeys = Enumerable.Range(1, options.Validators)
                .Select(i => builder.AddParameter($"validator-{i}-key", new Secp256k1KeyDefault(), secret: true)
                    .WithEnvironmentVariableName($"VALIDATOR_{i}_PRIVATE_KEY"))
                .ToList();
            var genesis = new GenesisFile(validatorKeys.Select(k => k.Resource).ToList(), submitterKey.Resource, options).PathExpression;

            // With the genesis, the bootnode registers only the genesis validators.
            var bootnode = builder.AddProject<Projects.EVoting_Bootnode>("bootnode")
                .WithHttpEndpoint(port: 8546, env: "BOOTNODE_PORT")
                .WithHttpHealthCheck("/health")
                .WithExternalHttpEndpoints()
                .WithEnvironment("GENESIS_PATH", genesis)
                .WithBindMount("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);

            var validators = validatorKeys.Select((key, i) => builder.AddValidator($"validator-{i + 1}", i, key, genesis, bootnode)).ToArray();

            var api = builder.AddProject<Projects.EVoting_Api>("api")
                .WithHttpEndpoint(port: 8000)
                .WithHttpHealthCheck("/health")
                .WithExternalHttpEndpoints()
                .WithReference(db).WaitFor(db)
                .WithReference("validators", "rpc", validators)
                .WithEnvironment("GENESIS_PATH", genesis)
                .WithEnvironment("API_SUBMITTER_PRIVATE_KEY", submitterKey)
                .WithEnvironment("JWT_SIGNING_KEY", builder.AddParameter("jwt-signing-key", secret: true))
                .WithEnvironment("DATA_PROTECTION_KEY", builder.AddParameter("data-protection-key", secret: true))
                .WithEnvironment("ADMIN_EMAIL", builder.AddParameter("admin-email", "admin@evoting.local"))
                .WithEnvironment("ADMIN_PASSWORD", builder.AddParameter("admin-password", secret: true))
                .WithBindMount("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);

            builder.AddNpmApp("frontend", "frontend", scriptName: "dev")
                .WithProductionBuild(options.FrontendProduction)
                .WithHttpEndpoint(port: 3000, env: "PORT")
                .WithScriptArgs("--hostname", new RunValue(_ => EndpointAnnotation.Host, "0.0.0.0", "0.0.0.0"))
                // /health, not a page: a page render every probe (2 s) cost `next dev` ~13 % of a core
                // and the API a request each time, measured under load (docs/benchmarks.md).
                .WithHttpHealthCheck("/health")
                .WithExternalHttpEndpoints()
                .WithReference(api).WaitFor(api);

            builder.ApplyEnvironmentOverrides(options);
        }

        /// <summary>One PoA validator: JSON-RPC on 8001+i, P2P on 30303+i, registered with the bootnode.</summary>
        private static IResourceBuilder<ProjectResource> AddValidator(this DistributedApplicationBuilder builder, string name, int index,
            IResourceBuilder<ParameterResource> key, ValueExpression genesis, IResourceBuilder<ProjectResource> bootnode) =>
            builder.AddProject<Projects.EVoting_Validator>(name)
                .WithHttpEndpoint(port: 8001 + index, name: "rpc", env: "RPC_PORT")
                .WithEndpoint(port: 30303 + index, name: "p2p", env: "P2P_PORT")
                .WithHttpHealthCheck("/health", "rpc")
                .WithExternalHttpEndpoints()
                .WithEnvironment("NODE_ID", name)
                .WithEnvironment("PRIVATE_KEY", key)
                .WithEnvironment("GENESIS_PATH", genesis)
                .WithEnvironment("DATA_DIR", new RunValue(run => GenesisFile.ValidatorDataDirectory(run, name), "/data", "/data"))
                .WithEnvironment("P2P_HOST", new RunValue(_ => EndpointAnnotation.Host, "0.0.0.0", "0.0.0.0"))
                .WithEnvironment("P2P_ADVERTISE_HOST", new RunValue(_ => EndpointAnnotation.Host, name, name))
                .WithEnvironment("BOOTNODE_URL", bootnode.GetEndpoint("http"))
                .WithReference(bootnode).WaitFor(bootnode)
                .WithVolume($"{name}-data", "/data")
                .WithBindMount("./" + GenesisFile.FileName, GenesisFile.ContainerPath, isReadOnly: true);
    }
}
