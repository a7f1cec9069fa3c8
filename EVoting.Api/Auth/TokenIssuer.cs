using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EVoting.Api.Auth;

/// <summary>Issues HS256 bearer tokens: sub = voter id, email, role, exp.</summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, TimeSpan lifetime, TimeProvider clock)
{
    public const string Issuer = "evoting-api";
    public const string Audience = "evoting";

    public TimeSpan Lifetime => lifetime;

    /// <summary>The signing key is SHA-256 of the parameter, so any length of secret gives a 256-bit key.</summary>
    public static SymmetricSecurityKey KeyFrom(string jwtSigningKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(jwtSigningKey)));

    public string Issue(int voterId, string email, string role, DateTime? notBefore = null)
    {
        var now = notBefore ?? clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([
                new Claim("sub", voterId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim("email", email),
                new Claim("role", role),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
