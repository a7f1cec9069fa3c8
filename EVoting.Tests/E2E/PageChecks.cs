using Microsoft.Playwright;

namespace EVoting.Tests.E2E;

/// <summary>What the journey checks on every main page it visits: axe-core finds nothing serious, and the page is saved at desktop and phone width with nothing sticking out on the phone.</summary>
public static class PageChecks
{
    public static async Task RunAsync(IPage page, string pageName)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page, pageName);
        await Screenshots.SaveDesktopAndPhoneAsync(page, pageName);
    }
}
