namespace EVoting.Api.Extensions;

/// <summary>
/// Reads an AppHost parameter the way Aspire passes it (`Parameters:&lt;name&gt;`, env
/// `Parameters__&lt;name&gt;`) or from a plain environment name (compose's `.env`).
/// </summary>
public static class Parameters
{
    public const string SubmitterKey = "submitter-key";
    public const string JwtSigningKey = "jwt-signing-key";
    public const string DataProtectionKey = "data-protection-key";
    public const string AdminEmail = "admin-email";
    public const string AdminPassword = "admin-password";

    private static readonly Dictionary<string, string> PlainNames = new()
    {
        [SubmitterKey] = "API_SUBMITTER_PRIVATE_KEY",
        [JwtSigningKey] = "JWT_SIGNING_KEY",
        [DataProtectionKey] = "DATA_PROTECTION_KEY",
        [AdminEmail] = "ADMIN_EMAIL",
        [AdminPassword] = "ADMIN_PASSWORD",
    };

    public static string? Get(IConfiguration config, string name)
    {
        var value = config[$"Parameters:{name}"];
        if (string.IsNullOrWhiteSpace(value) && PlainNames.TryGetValue(name, out var plain))
            value = config[plain];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static string Require(IConfiguration config, string name) =>
        Get(config, name) ?? throw new InvalidOperationException(
            $"Parameter '{name}' is not set (Parameters__{name} or {PlainNames[name]}).");
}
