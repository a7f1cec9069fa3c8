using Microsoft.Extensions.Configuration;

namespace EVoting.Api.Auth;

/// <summary>The first admin account (ADMIN_EMAIL, ADMIN_PASSWORD); without both no admin is seeded.</summary>
public sealed class AdminAccountOptions
{
    [ConfigurationKeyName("ADMIN_EMAIL")]
    public string? Email { get; set; }

    [ConfigurationKeyName("ADMIN_PASSWORD")]
    public string? Password { get; set; }
}
