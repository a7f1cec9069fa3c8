using System.Text.Json;
using EVoting.Api.Auth;
using EVoting.Api.Blockchain;
using EVoting.Api.Elections;
using EVoting.Api.Votes;
using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Api.Crypto;
using EVoting.Api.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace EVoting.Api.Extensions;

public static class Extensions
{
    /// <summary>Largest request body the API reads: a ballot for dozens of candidates fits many times over.</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
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
        AddAuth(builder);

        var dataProtectionKey = Parameters.Require(config, Parameters.DataProtectionKey);
        services.AddSingleton(new SecretSealer(KeyDerivation.Derive(dataProtectionKey, "election-secret-v1")));
        services.AddSingleton(new Nullifier(KeyDerivation.Derive(dataProtectionKey, "nullifier-v1")));
        AddChain(builder);
        services.AddScoped<ElectionCreator>();
        services.AddScoped<ElectionLifecycle>();
        services.AddScoped<TallyService>();
        services.AddScoped<VoteSubmitter>();
        services.AddScoped<ReceiptService>();
        return builder;
    }

    private static void AddChain(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var chain = ChainSettings.FromConfiguration(builder.Configuration);
        services.AddSingleton(chain);
        services.AddSingleton<IBallotRule, BallotRule>();
        services.AddSingleton(sp => new BlockValidator(new TransactionValidator(chain.Genesis, sp.GetRequiredService<IBallotRule>())));
        services.AddSingleton<ChainTransactions>();
        services.AddSingleton<ValidatorEndpoints>();
        services.AddSingleton<ValidatorRpcFactory>();
        services.AddSingleton<ChainClient>();
        services.AddSingleton<FinalityTracker>();
        services.AddSingleton<AuditorFactory>();
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

    private static void AddAuth(IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var key = TokenIssuer.KeyFrom(Parameters.Require(config, Parameters.JwtSigningKey));
        var lifetime = TimeSpan.FromMinutes(config.GetValue("Auth:TokenLifetimeMinutes", 60));
        services.AddSingleton(sp => new TokenIssuer(key, lifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FailedLoginLimiter(sp.GetRequiredService<TimeProvider>(),
            config.GetValue("Auth:MaxFailedLogins", 5), TimeSpan.FromMinutes(config.GetValue("Auth:FailedLoginWindowMinutes", 5))));
        services.AddSingleton<IPasswordHasher<Voter>, PasswordHasher<Voter>>();
        services.AddSingleton(sp => new PasswordHashing(sp.GetRequiredService<IPasswordHasher<Voter>>(),
            config.GetValue("Auth:MaxConcurrentPasswordHashes", Environment.ProcessorCount)));
        services.AddSingleton<AdminSeeder>();
        services.AddScoped<Apis.AuthServices>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
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
        app.UseExceptionHandler();
        // Empty 4xx responses (unknown route, 401/403 from the bearer handler, 405) get a problem body.
        app.UseStatusCodePages();
        app.UseAuthentication();
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
