using Microsoft.Playwright;

namespace EVoting.Tests.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright. Never downloads a browser: the executable is the one
/// <c>apt-get install chromium</c> puts in /usr/bin. Screenshots go to TestResults/e2e at the
/// repository root, numbered in the order they were taken (an earlier run's are removed first, so
/// the folder shows this run only). Every request a page makes to another host than the one it
/// was opened on is recorded: the application must not reach the internet.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    readonly IPlaywright playwright;
    readonly IBrowser browser;
    readonly System.Collections.Concurrent.ConcurrentQueue<string> foreignRequests = new();
    int shot;

    BrowserSession(IPlaywright playwright, IBrowser browser, string screenshotDirectory)
    {
        this.playwright = playwright;
        this.browser = browser;
        ScreenshotDirectory = screenshotDirectory;
    }

    public string ScreenshotDirectory { get; }

    /// <summary>Requests any page made to a host other than the frontend's (fonts, CDN scripts, analytics).</summary>
    public IReadOnlyCollection<string> ForeignRequests => foreignRequests;

    public static async Task<BrowserSession> StartAsync(string screenshotDirectory)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with 'apt-get install -y chromium'.");
        Directory.CreateDirectory(screenshotDirectory);
        foreach (var old in Directory.EnumerateFiles(screenshotDirectory, "*.png"))
            File.Delete(old);
        // Assertions wait this long by default (server-side rendering and proofs take seconds on a busy machine).
        Assertions.SetDefaultExpectTimeout(60_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return new BrowserSession(playwright, browser, screenshotDirectory);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A separate browser profile (own cookies), e.g. one for the voter and one for the official, at
    /// <paramref name="baseUrl"/>; a request to any host but its own (or <paramref name="alsoAllowed"/>'s) is recorded as foreign.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl, int width = 1280, int height = 900, string? alsoAllowed = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        string[] hosts = alsoAllowed is null ? [new Uri(baseUrl).Host] : [new Uri(baseUrl).Host, new Uri(alsoAllowed).Host];
        context.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" or "ws" or "wss" && !hosts.Contains(url.Host))
                foreignRequests.Enqueue(request.Url);
        };
        // Generous: under `next dev` the first visit to a page compiles it (seconds on a busy machine).
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{Interlocked.Increment(ref shot):00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>TestResults/e2e under the repository root (the folder holding EVoting.sln).</summary>
    public static string DefaultScreenshotDirectory() => Path.Combine(RepositoryRoot.Path, "TestResults", "e2e");

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
