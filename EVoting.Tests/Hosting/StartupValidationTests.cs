using EVoting.Api.Extensions;
using EVoting.Bootnode;
using EVoting.Chain;
using EVoting.Validator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EVoting.Tests.Hosting;

/// <summary>
/// A bad configuration value stops a service when its host starts, with a message naming the key;
/// the keys are the ones the AppHost and compose pass (EVoting.AppHost/Program.cs).
/// </summary>
public sealed class StartupValidationTests
{
    private static readonly EthKey Submitter = EthKey.Generate();
    private static readonly EthKey ValidatorKey = EthKey.Generate();
    private static readonly string GenesisJson = new Genesis
    {
        ChainId = 1337, Timestamp = 1_700_000_000, Validators = [ValidatorKey.Address], Submitters = [Submitter.Address],
    }.ToJson();

    private static Dictionary<string, string?> ApiSettings() => new()
    {
        ["ConnectionStrings:evoting"] = "Server=127.0.0.1;Port=1;Database=none",
        ["GENESIS_JSON"] = GenesisJson,
        ["API_SUBMITTER_PRIVATE_KEY"] = Submitter.ToHex(),
        ["JWT_SIGNING_KEY"] = "test-jwt-signing-key",
        ["DATA_PROTECTION_KEY"] = "test-data-protection-key",
    };

    private static Dictionary<string, string?> ValidatorSettings() => new()
    {
        ["PRIVATE_KEY"] = ValidatorKey.ToHex(),
        ["GENESIS_JSON"] = GenesisJson,
        ["DATA_DIR"] = Path.Combine(Path.GetTempPath(), "evoting-startup-validation-" + Guid.NewGuid().ToString("N")),
    };

    [Fact]
    public void The_settings_the_AppHost_passes_are_accepted()
    {
        using var api = Build(ApiSettings(), b => b.AddApplicationServices());
        using var validator = Build(ValidatorSettings(), b => b.AddValidatorNode());
        using var bootnode = Build(new() { ["GENESIS_JSON"] = GenesisJson, ["BOOTNODE_PORT"] = "8546" }, b => b.AddBootnode());

        foreach (var host in new IHost[] { api, validator, bootnode })
            host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Outbox:IntervalMs", "0", "Outbox:IntervalMs")]
    [InlineData("Outbox__BatchSize", "-1", "Outbox:BatchSize")]
    [InlineData("Tally:CloseWaitSeconds", "100000", "Tally:CloseWaitSeconds")]
    [InlineData("Auth:MaxFailedLogins", "0", "Auth:MaxFailedLogins")]
    [InlineData("RateLimits:LoginPerMinute", "0", "RateLimits:LoginPerMinute")]
    [InlineData("RateLimits__TrustedProxies", "10.0.0.0/8,frontend", "RateLimits:TrustedProxies")]
    [InlineData("Roll:CodeLifetimeDays", "0", "Roll:CodeLifetimeDays")]
    [InlineData("Chain:OpenTimeoutSeconds", "0", "Chain:OpenTimeoutSeconds")]
    [InlineData("Stats:RequestBudgetMs", "1", "Stats:RequestBudgetMs")]
    [InlineData("JWT_SIGNING_KEY", "", "JWT_SIGNING_KEY")]
    [InlineData("DATA_PROTECTION_KEY", " ", "DATA_PROTECTION_KEY")]
    [InlineData("API_SUBMITTER_PRIVATE_KEY", "0x1234", "API_SUBMITTER_PRIVATE_KEY")]
    [InlineData("GENESIS_JSON", "{}", "GENESIS_JSON")]
    public async Task A_bad_API_setting_stops_the_API_at_start_naming_the_key(string key, string value, string named)
    {
        var settings = ApiSettings();
        settings[key.Replace("__", ":")] = value;
        using var api = Build(settings, b => b.AddApplicationServices());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => api.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_submitter_key_that_genesis_does_not_authorize_stops_the_API()
    {
        var settings = ApiSettings();
        settings["API_SUBMITTER_PRIVATE_KEY"] = EthKey.Generate().ToHex();
        using var api = Build(settings, b => b.AddApplicationServices());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => api.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("API_SUBMITTER_PRIVATE_KEY's address", error.Message);
    }

    [Theory]
    [InlineData("RPC_PORT", "70000")]
    [InlineData("P2P_PORT", "p2p")]
    [InlineData("PRIVATE_KEY", "0x12")]
    [InlineData("BOOTNODE_URL", "not a url")]
    [InlineData("GENESIS_JSON", "{}")]
    public async Task A_bad_validator_setting_stops_the_validator_at_start_naming_the_key(string key, string value)
    {
        var settings = ValidatorSettings();
        settings[key] = value;
        using var validator = Build(settings, b => b.AddValidatorNode());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => validator.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("BOOTNODE_PORT", "99999")]
    [InlineData("PEER_TIMEOUT_SECONDS", "0")]
    [InlineData("GENESIS_PATH", "/nonexistent/genesis.json")]
    public async Task A_bad_bootnode_setting_stops_the_bootnode_at_start_naming_the_key(string key, string value)
    {
        using var bootnode = Build(new() { [key] = value }, b => b.AddBootnode());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => bootnode.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, error.Message);
    }

    private static WebApplication Build(Dictionary<string, string?> settings, Action<WebApplicationBuilder> add)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        builder.Configuration.AddInMemoryCollection(settings);
        // As each service's Program.cs does.
        builder.AddServiceDefaults();
        add(builder);
        return builder.Build();
    }
}
