using Microsoft.Playwright;
using Xunit;

namespace EVoting.Tests.E2E;

/// <summary>
/// The journey's page checks catch what they are for, on pages made to fail them (no system
/// started: Chromium only, so in the E2E category with the journey).
/// </summary>
[Trait("Category", "E2E")]
public sealed class PageChecksTests
{
    [Fact]
    public async Task Axe_reports_an_image_without_a_text_alternative_and_an_unlabelled_field_as_serious_or_worse()
    {
        await using var browser = await BrowserSession.StartAsync(Path.Combine(Path.GetTempPath(), "evoting-pagechecks"));
        var context = await browser.NewContextAsync("http://127.0.0.1");
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><head><title>t</title></head><body><main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>""");

        var violations = await Accessibility.ViolationsAsync(page);
        Assert.Contains(violations, v => v.Id == "image-alt" && v.Impact == "critical");
        Assert.Contains(violations, v => v.Id == "label" && v.Impact == "critical");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoSeriousViolationsAsync(page, "test"));
        Assert.Contains("image-alt", failure.Message);
    }

    [Fact]
    public async Task A_page_wider_than_a_phone_fails_and_names_what_sticks_out_but_a_scrolling_table_box_does_not()
    {
        await using var browser = await BrowserSession.StartAsync(Path.Combine(Path.GetTempPath(), "evoting-pagechecks"));
        var context = await browser.NewContextAsync("http://127.0.0.1", width: Screenshots.Phone.Width, height: Screenshots.Phone.Height);
        var page = await context.NewPageAsync();

        await page.SetContentAsync("""<div class="table-wrap" style="overflow-x:auto"><table><tr><td style="min-width:900px">wide</td></tr></table></div>""");
        await Screenshots.AssertNoSidewaysScrollAsync(page, "test");

        await page.SetContentAsync("""<pre id="long">0x00000000000000000000000000000000000000000000000000000000000000000000000000000000</pre>""");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Screenshots.AssertNoSidewaysScrollAsync(page, "test"));
        Assert.Contains("pre#long", failure.Message);
    }
}
