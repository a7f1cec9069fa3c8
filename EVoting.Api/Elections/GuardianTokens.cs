using System.Security.Cryptography;
using System.Text;

namespace EVoting.Api.Elections;

/// <summary>
/// A guardian's invitation token: 32 random bytes (base64url), shown to the official once when the election is created
/// and handed to the guardian, who sends it as the <see cref="Header"/> header with each ceremony message. Only its
/// SHA-256 is stored, so the database alone does not let anyone post as a guardian (docs/trustees.md).
/// </summary>
public static class GuardianTokens
{
    public const string Header = "X-Guardian-Token";

    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token with a stored hash.</summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
