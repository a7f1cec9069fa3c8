using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace EVoting.Api.Crypto;

/// <summary>The API's root secrets, from the environment names the AppHost and compose pass (docs/api.md).</summary>
public sealed class SecretOptions
{
    /// <summary>Any secret string; the HS256 token key is SHA-256 of it.</summary>
    [ConfigurationKeyName("JWT_SIGNING_KEY")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "JWT_SIGNING_KEY is not set.")]
    public string? JwtSigningKey { get; set; }

    /// <summary>Root of the election-secret sealing key and the nullifier key (KeyDerivation).</summary>
    [ConfigurationKeyName("DATA_PROTECTION_KEY")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "DATA_PROTECTION_KEY is not set.")]
    public string? DataProtectionKey { get; set; }
}
