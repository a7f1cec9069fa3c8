using System.Text;
using System.Text.RegularExpressions;

namespace EVoting.Tests.Repository;

/// <summary>
/// The anchors GitHub gives a Markdown file's headings: lowercase, everything but letters, marks,
/// digits, connector punctuation (_), spaces and hyphens removed, spaces turned into hyphens, and a
/// repeated slug suffixed -1, -2, …. Headings inside fenced code blocks are not headings; explicit
/// &lt;a id|name="…"&gt; anchors count too.
/// </summary>
internal static partial class MarkdownAnchors
{
    public static IReadOnlySet<string> Of(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (Fence().IsMatch(line))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced)
                continue;
            foreach (Match html in HtmlAnchor().Matches(line))
                anchors.Add(html.Groups[1].Value);
            var heading = Heading().Match(line);
            if (!heading.Success)
                continue;
            var slug = Slug(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }
        return anchors;
    }

    public static string Slug(string heading)
    {
        var text = Link().Replace(heading.Trim(), "$1").ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch == ' ')
                slug.Append('-');
            else if (ch == '-' || char.IsLetterOrDigit(ch) || char.GetUnicodeCategory(ch) is
                     System.Globalization.UnicodeCategory.NonSpacingMark or
                     System.Globalization.UnicodeCategory.SpacingCombiningMark or
                     System.Globalization.UnicodeCategory.ConnectorPunctuation)
                slug.Append(ch);
        }
        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<a\s+(?:id|name)=""([^""]+)""")]
    private static partial Regex HtmlAnchor();
}
