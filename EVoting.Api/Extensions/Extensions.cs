using System.Text.Json;
using EVoting.Api.Accounts;
using EVoting.Api.Auth;
using EVoting.Api.Blockchain;
using EVoting.Api.Challenges;
using EVoting.Api.Elections;
using EVoting.Api.Roll;
using EVoting.Api.Votes;
using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Api.Crypto;
using EVoting.Api.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EVoting.Api.Extensions;

public static class Extensions
{
    /// <summary>Largest request body the API reads: a ballot for dozens of candidates fits many times over.</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        // Binding failures throw, so ApiExceptionHandler can say what was wrong with the body.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.DescribeWhatTheApiSends());
        services.AddSingleton(TimeProvider.System);

        builder.AddEVotingDatabase();
        services.AddValidatedOptions<SecretOptions>("");
        AddAuth(services);
        services.AddSingleton(sp => new SecretSealer(KeyDerivation.Derive(sp.GetRequiredService<IOptions<SecretOptions>>().Value.DataProtectionKey!, "election-secret-v1")));
        services.AddSingleton(sp => new Nullifier(KeyDerivation.Derive(sp.GetRequiredService<IOptions<SecretOptions>>().Value.DataProtectionKey!, "nullifier-v1")));
        AddChain(services);
        services.AddScoped<IElectionStore, EfElectionStore>();
        services.AddScoped<IVoteStore, EfVoteStore>();
        services.AddValidatedOptions<TallyOptions>(TallyOptions.Section);
        services.AddScoped<ElectionCreator>();
        services.AddScoped<ElectionCeremony>();
        services.AddScoped<IGuardianStore, EfGuardianStore>();
        services.AddScoped<GuardianRelay>();
        services.AddScoped<ChainAggregates>();
        services.AddScoped<ChainEventPublisher>();
        services.AddScoped<ElectionLifecycle>();
        services.AddScoped<ElectionQueries>();
        services.AddScoped<TallyService>();
        services.AddScoped<VoteSubmitter>();
        services.AddScoped<ReceiptService>();
        services.AddSpoiledBallots();
        services.AddValidatedOptions<RollOptions>(RollOptions.Section);
        services.AddScoped<IRollStore, EfRollStore>();
        services.AddScoped<RollService>();
        services.AddScoped<Enrolment>();
        services.AddRateLimits();
        return builder;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> to configuration section <paramref name="section"/> ("" for
    /// top-level keys) and checks it when the host starts: a bad value stops the API with a message
    /// naming the key (OptionsValidationException).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static void AddChain(IServiceCollection services)
    {
        services.AddValidatedOptions<ChainSettingsOptions>("");
        services.AddSingleton<IValidateOptions<ChainSettingsOptions>, ChainSettingsValidator>();
        services.AddValidatedOptions<ChainOptions>(ChainOptions.Section);
        services.AddValidatedOptions<StatsOptions>(StatsOptions.Section);
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        services.AddSingleton(sp => ChainSettings.From(sp.GetRequiredService<IOptions<ChainSettingsOptions>>()));
        services.AddSingleton<IBallotRule, BallotRule>();
        services.AddSingleton(sp => new BlockValidator(new TransactionValidator(sp.GetRequiredService<ChainSettings>().Genesis, sp.GetRequiredService<IBallotRule>())));
        services.AddSingleton<ChainTransactions>();
        services.AddSingleton<ValidatorEndpoints>();
        services.AddSingleton<ValidatorRpcFactory>();
        services.AddSingleton<ChainClient>();
        services.AddSingleton<FinalityTracker>();
        services.AddSingleton<IChainGateway, ChainGateway>();
        services.AddSingleton<AuditorFactory>();
        services.AddSingleton<VerifyCache>();
        services.AddSingleton<ChainStatsAuditor>();
        services.AddHostedService<ChainStatsFollower>();
        services.AddSingleton<ValidatorHealth>();
        services.AddScoped<Apis.BlockchainServices>();
        services.AddSingleton<OutboxSendLog>();
        services.AddHostedService<OutboxSender>();
        // Failover across validators is the client's job: one short attempt per validator, no
        // retries behind its back (the default resilience pipeline would hold a dead node for 30 s).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt one client out.
        services.AddHttpClient(ValidatorRpcFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    private static void AddAuth(IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddOptions<AdminAccountOptions>().BindConfiguration("");
        services.AddSingleton(sp => TokenIssuer.KeyFrom(sp.GetRequiredService<IOptions<SecretOptions>>().Value.JwtSigningKey!));
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<SymmetricSecurityKey>(),
            sp.GetRequiredService<IOptions<AuthOptions>>().Value.TokenLifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new FailedLoginLimiter(sp.GetRequiredService<TimeProvider>(), auth.MaxFailedLogins, auth.FailedLoginWindow);
        });
        services.AddSingleton<IPasswordHasher<Voter>, PasswordHasher<Voter>>();
        services.AddSingleton(sp => new PasswordHashing(sp.GetRequiredService<IPasswordHasher<Voter>>(),
            sp.GetRequiredService<IOptions<AuthOptions>>().Value.MaxConcurrentPasswordHashes));
        services.AddSingleton<AdminSeeder>();
        services.AddScoped<IVoterStore, EfVoterStore>();
        services.AddScoped<AccountService>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SymmetricSecurityKey>((o, key) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(5),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        // First, so that everything after it (the rate limiter, the failed-login count) sees the client's address.
        // With ASPNETCORE_FORWARDEDHEADERS_ENABLED (the compose file sets it) the host has already added it, with the
        // same options (RateLimits.AddRateLimits): a second pass would take a second X-Forwarded-For entry.
        if (!string.Equals(app.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
            app.UseForwardedHeaders();
        app.UseExceptionHandler();
        // Empty 4xx responses (unknown route, 401/403 from the bearer handler, 405) get a problem body.
        app.UseStatusCodePages();
        app.UseAuthentication();
        // After authentication (the spoiled-ballot policy partitions by the token's voter id), before authorization:
        // a throttled request costs no authorization. The other policies partition by client address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi();
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app);
        return app;
    }
}

public static class Policies
{
    public const string Admin = "admin";
}
