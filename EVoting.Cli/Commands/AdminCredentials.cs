using System.CommandLine;

namespace EVoting.Cli.Commands;

/// <summary>The official's login for commands that act as the admin (`load`, `roll upload`): options, else the environment.</summary>
public sealed class AdminCredentials
{
    public const string Missing = "admin credentials needed: --admin-email/--admin-password or EVOTING_ADMIN_EMAIL/EVOTING_ADMIN_PASSWORD";

    public Option<string?> Email { get; } = new("--admin-email") { Description = "Admin e-mail (default: $EVOTING_ADMIN_EMAIL)" };
    public Option<string?> Password { get; } = new("--admin-password") { Description = "Admin password (default: $EVOTING_ADMIN_PASSWORD)" };

    /// <summary>Both values, or false when either is missing.</summary>
    public bool TryRead(ParseResult parse, out string email, out string password)
    {
        email = parse.GetValue(Email) ?? Environment.GetEnvironmentVariable("EVOTING_ADMIN_EMAIL") ?? "";
        password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable("EVOTING_ADMIN_PASSWORD") ?? "";
        return email.Length > 0 && password.Length > 0;
    }
}
