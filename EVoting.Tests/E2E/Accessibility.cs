using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace EVoting.Tests.E2E;

/// <summary>
/// Runs axe-core (the engine of @axe-core/playwright, from the frontend's node_modules: nothing is
/// downloaded) on the page as it is and fails on any serious or critical violation, naming the
/// rule, what it asks for and the elements that break it.
/// </summary>
public static class Accessibility
{
    static readonly string AxeScript = Path.Combine(RepositoryRoot.Path, "frontend", "node_modules", "axe-core", "axe.min.js");

    /// <summary>The WCAG 2.x A and AA rules (and axe's best practices are left out: they are advice, not failures).</summary>
    const string RunAxe = """
        async () => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
          return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })));
        }
        """;

    public sealed record Violation(string Id, string? Impact, string Help, string[] Nodes);

    public static async Task<IReadOnlyList<Violation>> ViolationsAsync(IPage page)
    {
        if (!File.Exists(AxeScript))
            throw new InvalidOperationException($"{AxeScript} is missing: run 'npm install' in frontend/ (axe-core is a devDependency).");
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<string>(RunAxe);
        return JsonSerializer.Deserialize<Violation[]>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string pageName)
    {
        var serious = (await ViolationsAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe-core found {serious.Count} serious or critical accessibility violation(s) on the {pageName} page ({page.Url}):\n" +
            string.Join("\n", serious.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(5))}")));
    }
}
