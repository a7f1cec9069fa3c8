using System.ComponentModel.DataAnnotations;

namespace EVoting.Api.Auth;

/// <summary>Sign-in settings, configuration section Auth (environment Auth__&lt;name&gt;); docs/api.md "Configuration".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Range(1, 7 * 24 * 60, ErrorMessage = "Auth:TokenLifetimeMinutes must be between {1} and {2}.")]
    public int TokenLifetimeMinutes { get; set; } = 60;

    [Range(1, 1000, ErrorMessage = "Auth:MaxFailedLogins must be between {1} and {2}.")]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 24 * 60, ErrorMessage = "Auth:FailedLoginWindowMinutes must be between {1} and {2}.")]
    public int FailedLoginWindowMinutes { get; set; } = 5;

    [Range(1, 1024, ErrorMessage = "Auth:MaxConcurrentPasswordHashes must be between {1} and {2}.")]
    public int MaxConcurrentPasswordHashes { get; set; } = Environment.ProcessorCount;

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenLifetimeMinutes);
    public TimeSpan FailedLoginWindow => TimeSpan.FromMinutes(FailedLoginWindowMinutes);
}
