using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Extensions;

/// <summary>
/// ASP.NET Core's rate limiter on register, login, enrol, ballot submission and the chain
/// re-check: a fixed one-minute window per client address (an IPv6 client per /64, what one
/// host is usually given). The client address is the connection's, or X-Forwarded-For's last
/// entry when the connection comes from a trusted proxy (RateLimitOptions.TrustedProxies).
/// A refused request gets 429, Retry-After (seconds until the window ends) and a problem body: this
/// rejection serves every policy, the spoiled-ballot one (per account, Challenges/SpoiledBallotLimits.cs) too.
/// </summary>
public static class RateLimits
{
    public const string Register = "register";
    public const string Login = "login";
    public const string Enrol = "enrol";
    public const string Submit = "submit";
    public const string Verify = "verify";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            o.ForwardedHeaders |= ForwardedHeaders.XForwardedFor;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in limits.Value.TrustedNetworks())
                o.KnownIPNetworks.Add(network);
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(Register, http => PerClient(http, l => l.RegisterPerMinute));
            o.AddPolicy(Login, http => PerClient(http, l => l.LoginPerMinute));
            o.AddPolicy(Enrol, http => PerClient(http, l => l.EnrolPerMinute));
            o.AddPolicy(Submit, http => PerClient(http, l => l.SubmitPerMinute));
            o.AddPolicy(Verify, http => PerClient(http, l => l.VerifyPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, Func<RateLimitOptions, int> limit)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var address = http.Connection.RemoteIpAddress;
        if (options.ExemptLoopback && address is not null && IPAddress.IsLoopback(address))
            return RateLimitPartition.GetNoLimiter("loopback");
        var permits = limit(options);
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(address), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
    }

    /// <summary>The partition of an address: IPv4 as is, IPv6 by its /64 (a host usually holds a whole /64).</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.",
            },
        });
    }
}
