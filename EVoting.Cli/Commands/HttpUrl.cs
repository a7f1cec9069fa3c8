namespace EVoting.Cli.Commands;

/// <summary>
/// URL options of the audit commands (`verify --rpc/--api`, `tally verify --api`): taken as text and
/// checked here, so a bad URL is a usage error with a message rather than a parser exception.
/// </summary>
public static class HttpUrl
{
    /// <summary>An absolute http or https URL.</summary>
    public static bool TryParse(string? text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>The URL as a base that relative paths extend (http://host/prefix → http://host/prefix/), not replace.</summary>
    public static Uri AsBase(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
}
