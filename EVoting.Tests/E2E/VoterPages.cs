using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EVoting.Tests.E2E;

/// <summary>
/// What a person does in the web application, step by step, through labels and roles (the same
/// names a screen reader announces), so the test also checks that the pages are usable that way.
/// </summary>
public static class VoterPages
{
    public static async Task RegisterAsync(IPage page, string fullName, string email, string password)
    {
        await page.GotoAsync("/register");
        await PageChecks.RunAsync(page, "register");
        await page.GetByLabel("Full name", new() { Exact = true }).FillAsync(fullName);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText($"Signed in as {fullName}")).ToBeVisibleAsync();
    }

    /// <summary>Logs in; <paramref name="expectedName"/> null means "any name" (the official's comes from the harness).</summary>
    public static async Task LogInAsync(IPage page, string email, string password, string? expectedName)
    {
        await page.GotoAsync("/login");
        await PageChecks.RunAsync(page, "login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        if (expectedName is not null) await Expect(page.GetByText($"Signed in as {expectedName}")).ToBeVisibleAsync();
    }

    public static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Creates an election open to every account (the demo mode: no roll) on the admin page and returns its id.</summary>
    public static async Task<long> CreateElectionAsync(IPage page, string title, IReadOnlyList<string> candidates)
    {
        await page.GotoAsync("/admin");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Anyone who registers (demo mode)").CheckAsync();
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Created by the end-to-end test.");
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i >= 2) await page.GetByRole(AriaRole.Button, new() { Name = "Add a candidate" }).ClickAsync();
            await page.GetByLabel($"Candidate {i + 1} name", new() { Exact = true }).FillAsync(candidates[i]);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Create election" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "was created" })).ToBeVisibleAsync();
        var row = ElectionRow(page, title);
        await Expect(row).ToBeVisibleAsync();
        return long.Parse(await row.GetAttributeAsync("data-election-id") ?? throw new InvalidOperationException("row without id"));
    }

    public static ILocator ElectionRow(IPage page, string title) =>
        page.GetByTestId("admin-elections").Locator("tbody tr").Filter(new() { HasText = title });

    /// <summary>Clicks one of Open voting / Close voting / Run the tally and waits for the new status.</summary>
    public static async Task AdminActionAsync(IPage page, string title, string button, string statusAfter, float timeoutMs = 120_000)
    {
        await page.GotoAsync("/admin");
        var row = ElectionRow(page, title);
        await row.GetByRole(AriaRole.Button, new() { Name = $"{button}: {title}" }).ClickAsync();
        await Expect(row).ToContainTextAsync(statusAfter, new() { Timeout = timeoutMs });
    }

    /// <summary>Chooses, encrypts, and casts the encrypted ballot the page shows.</summary>
    public static async Task ChooseAndVoteAsync(IPage page, string candidate)
    {
        await page.GetByLabel(candidate).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my choice" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" }).ClickAsync(new() { Timeout = 60_000 });
    }

    /// <summary>
    /// With the keyboard alone: Tab from the top of the page into the ballot's radio group, arrow keys to the
    /// candidate, Tab to the submit button, Enter to encrypt; the page then moves the focus to the encrypted ballot.
    /// Bounded, so a focus trap or an unreachable control fails the test.
    /// </summary>
    public static async Task ChooseAndEncryptWithKeyboardAsync(IPage page, string candidate)
    {
        await TabUntilFocusedAsync(page, "input[type=radio]");
        var option = page.GetByLabel(candidate);
        for (var i = 0; i < 10 && !await option.IsCheckedAsync(); i++)
            await page.Keyboard.PressAsync("ArrowDown");
        await Expect(option).ToBeCheckedAsync();
        await TabUntilFocusedAsync(page, "button[type=submit]");
        await Expect(page.Locator("button[type=submit]:focus")).ToHaveTextAsync("Encrypt my choice");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your encrypted ballot is ready" })).ToBeFocusedAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Presses one of the encrypted ballot's buttons (Cast this ballot, Check this encryption) with Tab and Enter.</summary>
    public static async Task PressWithKeyboardAsync(IPage page, string button)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>(
                    "name => document.activeElement?.matches('[data-testid=encrypted-ballot] button') && document.activeElement.textContent === name", button))
            {
                await page.Keyboard.PressAsync("Enter");
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"40 presses of Tab never reached the button {button}");
    }

    static async Task TabUntilFocusedAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"40 presses of Tab never reached {selector}");
    }

    public static readonly Regex TxHash = new("^0x[0-9a-f]{64}$");
}
