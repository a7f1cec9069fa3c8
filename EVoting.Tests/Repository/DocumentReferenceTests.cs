using System.Text.RegularExpressions;

namespace EVoting.Tests.Repository;

/// <summary>
/// Every Markdown document the code names, and every relative link in the documents, exists in
/// this repository (and so does the heading an anchor points to): a comment that cites a page a
/// reader cannot open explains nothing.
/// </summary>
public partial class DocumentReferenceTests
{
    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".sh", ".props", ".targets", ".csproj", ".json", ".yml", ".yaml",
    };

    // Build output, installed packages, generated state; dot-folders except .ci.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "bin", "obj", "TestResults",
    };

    [Fact]
    public void Every_markdown_file_named_in_the_source_exists()
    {
        var problems = new List<string>();
        var references = 0;
        foreach (var file in RepositoryFiles().Where(IsSource))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in MarkdownName().Matches(lines[i]))
                {
                    references++;
                    var problem = Check(m.Groups["path"].Value, m.Groups["anchor"].Value, Path.GetDirectoryName(file)!, fromRoot: true);
                    if (problem is not null)
                        problems.Add($"{Relative(file)}:{i + 1}: {m.Value} — {problem}");
                }
            }
        }
        Assert.True(references > 10, $"only {references} references found: is {RepositoryRoot.Path} the repository?");
        Assert.True(problems.Count == 0, "Source names Markdown files that are not in the repository:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_relative_link_in_the_documents_resolves()
    {
        var problems = new List<string>();
        foreach (var file in RepositoryFiles().Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)))
        {
            var lines = File.ReadAllLines(file);
            var fenced = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (Fence().IsMatch(lines[i]))
                    fenced = !fenced;
                if (fenced)
                    continue;
                foreach (Match m in MarkdownLink().Matches(lines[i]))
                {
                    var target = m.Groups["target"].Value;
                    if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto")
                        continue;
                    var hash = target.IndexOf('#');
                    var path = hash < 0 ? target : target[..hash];
                    var anchor = hash < 0 ? "" : target[(hash + 1)..];
                    var problem = path.Length == 0
                        ? CheckAnchor(file, anchor)
                        : Check(Uri.UnescapeDataString(path), anchor, Path.GetDirectoryName(file)!, fromRoot: false);
                    if (problem is not null)
                        problems.Add($"{Relative(file)}:{i + 1}: {m.Value} — {problem}");
                }
            }
        }
        Assert.True(problems.Count == 0, "Documents link to what is not in the repository:\n" + string.Join("\n", problems));
    }

    /// <summary>Null when the path names a file in the repository (from the root or from the citing file's folder) that has the anchor.</summary>
    private static string? Check(string path, string anchor, string folder, bool fromRoot)
    {
        if (Path.IsPathRooted(path))
            return "an absolute path; cite the document's path in the repository";
        var candidates = fromRoot ? new[] { RepositoryRoot.Path, folder } : new[] { folder };
        var found = candidates.Select(c => Path.GetFullPath(Path.Combine(c, path)))
            .FirstOrDefault(p => (File.Exists(p) || Directory.Exists(p)) && IsInside(p));
        if (found is null)
            return "no such file in the repository";
        return anchor.Length == 0 || !File.Exists(found) || !found.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            ? null
            : CheckAnchor(found, anchor);
    }

    private static string? CheckAnchor(string markdownFile, string anchor) =>
        anchor.Length == 0 || MarkdownAnchors.Of(File.ReadAllText(markdownFile)).Contains(anchor)
            ? null
            : $"{Relative(markdownFile)} has no heading with the anchor #{anchor}";

    private static bool IsInside(string fullPath) =>
        fullPath.StartsWith(RepositoryRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsSource(string file) =>
        SourceExtensions.Contains(Path.GetExtension(file))
        || Path.GetFileName(Path.GetDirectoryName(file)) == ".ci";

    private static IEnumerable<string> RepositoryFiles()
    {
        var pending = new Stack<string>([RepositoryRoot.Path]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
                yield return file;
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(child);
                if (!SkippedFolders.Contains(name) && (!name.StartsWith('.') || name == ".ci"))
                    pending.Push(child);
            }
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');

    // A name ending in .md, with an optional folder path and anchor, not part of a URL or a longer word.
    [GeneratedRegex(@"(?<![\w./:\\-])(?<path>/?(?:[\w.-]+/)*[\w-]+\.md)(?:#(?<anchor>[\w-]+))?(?!\w)")]
    private static partial Regex MarkdownName();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();
}
