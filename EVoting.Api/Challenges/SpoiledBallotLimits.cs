using System.Globalization;
using System.Threading.RateLimiting;
using EVoting.Api.Apis;
using EVoting.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Challenges;

/// <summary>
/// Posting a challenged ballot costs the API a ballot verification, so each voter gets
/// <see cref="SpoiledBallotOptions.PermitsPerVoter"/> posts per window (ASP.NET Core's fixed-window rate limiter,
/// partitioned by the token's voter id); past it, 429 with Retry-After.
/// </summary>
public static class SpoiledBallotLimits
{
    public const string Policy = "spoiled-ballots";

    public static IServiceCollection AddSpoiledBallots(this IServiceCollection services)
    {
        services.AddOptions<SpoiledBallotOptions>().BindConfiguration(SpoiledBallotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ISpoiledBallotStore, Data.EfSpoiledBallotStore>();
        services.AddScoped<SpoiledBallotService>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<SpoiledBallotOptions>>().Value;
                // The endpoint requires a token, so every caller that gets this far has a voter id.
                var voter = http.User.VoterId()?.ToString(CultureInfo.InvariantCulture) ?? "";
                return RateLimitPartition.GetFixedWindowLimiter(voter, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerVoter,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            // The 429 answer (Retry-After, problem body) is the API's one rejection: Extensions/RateLimits.cs.
        });
        return services;
    }
}
