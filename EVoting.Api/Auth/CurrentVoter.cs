using System.Globalization;
using System.Security.Claims;

namespace EVoting.Api.Auth;

public static class CurrentVoter
{
    /// <summary>The voter id from a validated token (`sub`), or null for anonymous callers.</summary>
    public static int? VoterId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue("sub"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
