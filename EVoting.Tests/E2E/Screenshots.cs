using Microsoft.Playwright;
using Xunit;

namespace EVoting.Tests.E2E;

/// <summary>
/// Each main page at a desktop width (1280 px) and a phone width (390 px), full page, in
/// TestResults/screenshots at the repository root as &lt;page&gt;-desktop.png and &lt;page&gt;-phone.png
/// (a run starts by emptying the folder, so it holds one run's pages). At the phone width the page
/// must not scroll sideways: tables scroll inside their own box, everything else wraps.
/// </summary>
public static class Screenshots
{
    public static readonly string Directory = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    static readonly Lazy<string> EmptiedOnce = new(() =>
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var old in System.IO.Directory.EnumerateFiles(Directory, "*.png"))
            File.Delete(old);
        return Directory;
    });

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Saves both widths, checks the phone layout, and gives the page back its own viewport.</summary>
    public static async Task SaveDesktopAndPhoneAsync(IPage page, string pageName)
    {
        var folder = EmptiedOnce.Value;
        var own = page.ViewportSize;
        try
        {
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{pageName}-desktop.png"), FullPage = true });
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{pageName}-phone.png"), FullPage = true });
            await AssertNoSidewaysScrollAsync(page, pageName);
        }
        finally
        {
            if (own is not null)
                await page.SetViewportSizeAsync(own.Width, own.Height);
        }
    }

    /// <summary>A layout broken at phone width shows as a page wider than the screen; names the elements that stick out.</summary>
    internal static async Task AssertNoSidewaysScrollAsync(IPage page, string pageName)
    {
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const scrollWidth = document.documentElement.scrollWidth;
              if (scrollWidth <= width) return [];
              // An element sticks out with its box, or with content it lets overflow (a long unbroken hash).
              const right = e => { const r = e.getBoundingClientRect(); return Math.max(r.right, r.left + e.scrollWidth); };
              const sticking = [...document.querySelectorAll('body *')]
                .filter(e => right(e) > width + 1 && !e.closest('.table-wrap'))
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(right(e))} px)`);
              return sticking.length > 0 ? sticking : [`the document (${scrollWidth} px wide)`];
            }
            """);
        Assert.True(overflow.Length == 0,
            $"At {Phone.Width} px the {pageName} page is wider than the screen; these stick out: {string.Join("; ", overflow)}");
    }
}
