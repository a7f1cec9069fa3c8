using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.AppHost;

public sealed class ParameterTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "evoting-params-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_state))
            Directory.Delete(_state, recursive: true);
    }

    private DistributedApplication Build(Action<DistributedApplicationBuilder> declare, Dictionary<string, string>? parameters = null)
    {
        var builder = DistributedApplicationTestingBuilder.Create(new DistributedApplicationTestingOptions
        {
            StateDirectory = _state,
            Parameters = parameters ?? [],
        });
        declare(builder);
        return builder.Build();
    }

    [Fact]
    public void A_missing_secret_is_generated_once_and_reused_by_the_next_run()
    {
        var first = Build(b => b.AddParameter("jwt-signing-key", secret: true)).GetParameterValue("jwt-signing-key");
        var second = Build(b => b.AddParameter("jwt-signing-key", secret: true)).GetParameterValue("jwt-signing-key");

        Assert.Equal(22, first.Length);
        Assert.Equal(first, second);
        Assert.Contains(first, File.ReadAllText(Path.Combine(_state, "parameters.json")));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Generated_secrets_are_readable_by_the_owner_only()
    {
        Build(b => b.AddParameter("admin-password", secret: true)).GetParameterValue("admin-password");

        var mode = File.GetUnixFileMode(Path.Combine(_state, "parameters.json"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void Configuration_overrides_a_generated_value()
    {
        Build(b => b.AddParameter("submitter-key", secret: true)).GetParameterValue("submitter-key");

        var configured = Build(b => b.AddParameter("submitter-key", secret: true), new() { ["submitter-key"] = "from-config" })
            .GetParameterValue("submitter-key");

        Assert.Equal("from-config", configured);
    }

    [Fact]
    public void An_environment_variable_Parameters__name_overrides_the_default()
    {
        var name = "env-param-" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable("Parameters__" + name, "from-environment");
        try
        {
            var value = Build(b => b.AddParameter(name, "the-default")).GetParameterValue(name);
            Assert.Equal("from-environment", value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Parameters__" + name, null);
        }
    }

    [Fact]
    public void A_parameter_without_value_or_default_fails_with_how_to_set_it()
    {
        var app = Build(b => b.AddParameter("admin-email"));

        var error = Assert.Throws<MissingParameterValueException>(() => app.GetParameterValue("admin-email"));

        Assert.Contains("Parameters__admin-email", error.Message);
    }

    [Fact]
    public void A_generated_key_is_a_secp256k1_private_key_in_hex()
    {
        var key = Build(b => b.AddParameter("validator-1-key", new Secp256k1KeyDefault(), secret: true)).GetParameterValue("validator-1-key");

        Assert.Matches("^0x[0-9a-f]{64}$", key);
    }

    [Fact]
    public void Compose_variable_names_are_upper_snake_case()
    {
        Assert.Equal("VALIDATOR_1_KEY", new ParameterResource("validator-1-key", true, null, null).EnvironmentVariableName);
    }
}
