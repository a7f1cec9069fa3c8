using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Extensions;

/// <summary>
/// Requests per client address and minute on the endpoints a hostile client would hammer, and whose
/// X-Forwarded-For the API believes; configuration section RateLimits (docs/api.md "Abuse limits").
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:RegisterPerMinute must be between {1} and {2}.")]
    public int RegisterPerMinute { get; set; } = 10;

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:LoginPerMinute must be between {1} and {2}.")]
    public int LoginPerMinute { get; set; } = 30;

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:EnrolPerMinute must be between {1} and {2}.")]
    public int EnrolPerMinute { get; set; } = 10;

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:SubmitPerMinute must be between {1} and {2}.")]
    public int SubmitPerMinute { get; set; } = 60;

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:VerifyPerMinute must be between {1} and {2}.")]
    public int VerifyPerMinute { get; set; } = 6;

    /// <summary>
    /// Requests from this machine itself (127.0.0.0/8, ::1, after X-Forwarded-For) are not limited:
    /// set by the AppHost's local run, where `evoting load` and the tests register thousands of
    /// voters from 127.0.0.1. Never set where clients reach the API through a proxy on the same machine
    /// that does not send X-Forwarded-For.
    /// </summary>
    public bool ExemptLoopback { get; set; }

    /// <summary>
    /// The proxies (addresses or CIDR networks, comma-separated) whose X-Forwarded-For names the
    /// client: the frontend's server. Default: this machine only.
    /// </summary>
    public string TrustedProxies { get; set; } = "127.0.0.0/8,::1/128";

    public IReadOnlyList<IPNetwork> TrustedNetworks() =>
        TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseNetwork).ToArray();

    internal static IPNetwork ParseNetwork(string entry) =>
        IPNetwork.TryParse(entry, out var network) ? network
        : IPAddress.TryParse(entry, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : throw new FormatException($"'{entry}' is neither an IP address nor a CIDR network");
}

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        try
        {
            options.TrustedNetworks();
            return ValidateOptionsResult.Success;
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail("RateLimits:TrustedProxies: " + ex.Message);
        }
    }
}
