using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace EVoting.Tests.E2E;

/// <summary>
/// The whole system, started by the AppHost harness, used through Debian's Chromium the way a
/// voter and an election official use it. Screenshots of each step land in TestResults/e2e.
/// </summary>
[Trait("Category", "E2E")]
public sealed class VotingJourneyTests(ITestOutputHelper output)
{
    const string AdminEmail = "official@e2e.evoting.test";
    const string AdminPassword = "E2e-official-passw0rd";

    [Fact]
    public async Task A_voter_checks_one_encryption_casts_the_next_the_vote_becomes_final_and_the_official_publishes_a_verifiable_tally()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var system = await E2ESystem.StartAsync(AdminEmail, AdminPassword, output, ct);
        await using var browser = await BrowserSession.StartAsync(BrowserSession.DefaultScreenshotDirectory());
        output.WriteLine($"frontend at {system.FrontendUrl}; screenshots in {browser.ScreenshotDirectory}");

        // The operator's way in: the dashboard lists the frontend, and its link opens the app.
        await using (var operatorContext = await browser.NewContextAsync(system.DashboardUrl, alsoAllowed: system.FrontendUrl))
        {
            var dashboard = await operatorContext.NewPageAsync();
            await dashboard.GotoAsync(system.DashboardLoginPath);
            var link = dashboard.Locator($"a[href='{system.FrontendUrl}']");
            await Expect(link).ToBeVisibleAsync();
            await browser.ScreenshotAsync(dashboard, "dashboard");
            var app = await operatorContext.RunAndWaitForPageAsync(() => link.ClickAsync());
            await app.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            Assert.StartsWith(system.FrontendUrl, app.Url);
            await Expect(app).ToHaveTitleAsync(new Regex("EVoting"));
            await PageChecks.RunAsync(app, "home");
        }

        var title = $"E2E election {Guid.NewGuid():N}"[..24];
        string[] candidates = ["Ada Lovelace", "Grace Hopper", "Alan Turing"];
        const string choice = "Grace Hopper";

        // The official creates and opens an election.
        await using var officialContext = await browser.NewContextAsync(system.FrontendUrl);
        var official = await officialContext.NewPageAsync();
        await VoterPages.LogInAsync(official, AdminEmail, AdminPassword, expectedName: null);
        await Expect(official.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToBeVisibleAsync();
        var electionId = await VoterPages.CreateElectionAsync(official, title, candidates);
        await VoterPages.AdminActionAsync(official, title, "Open voting", "Open for voting");
        await browser.ScreenshotAsync(official, "admin-election-open");
        await PageChecks.RunAsync(official, "admin");

        // A voter registers, logs out, logs in again (phone-sized screen).
        await using var voterContext = await browser.NewContextAsync(system.FrontendUrl, width: 390, height: 844);
        var voter = await voterContext.NewPageAsync();
        var email = $"voter-{Guid.NewGuid():N}@e2e.evoting.test";
        await VoterPages.RegisterAsync(voter, "Vera Voter", email, "vera-secret-42");
        await browser.ScreenshotAsync(voter, "registered");
        await VoterPages.LogOutAsync(voter);
        await VoterPages.LogInAsync(voter, email, "vera-secret-42", "Vera Voter");
        await browser.ScreenshotAsync(voter, "logged-in");

        // A second tab with the ballot open, to try voting twice later.
        var secondTab = await voterContext.NewPageAsync();
        await secondTab.GotoAsync($"/elections/{electionId}");
        await Expect(secondTab.GetByRole(AriaRole.Button, new() { Name = "Encrypt my choice" })).ToBeVisibleAsync();

        // With the keyboard alone: the browser encrypts and proves, and shows the encrypted ballot's tracking code.
        await voter.GotoAsync($"/elections/{electionId}");
        await Expect(voter.GetByTestId("eligibility-open")).ToContainTextAsync("anyone can register an account and vote");
        await browser.ScreenshotAsync(voter, "ballot");
        await PageChecks.RunAsync(voter, "ballot");
        await VoterPages.ChooseAndEncryptWithKeyboardAsync(voter, choice);
        var challengedCode = (await voter.GetByTestId("ready-tracking-code").TextContentAsync() ?? "").Trim();
        await PageChecks.RunAsync(voter, "ballot-encrypted");

        // The voter checks that encryption instead of casting it: it opens to the choice, goes on the public list of
        // spoiled ballots, and the browser encrypts the choice again with fresh nonces (a new tracking code).
        await VoterPages.PressWithKeyboardAsync(voter, "Check this encryption");
        var check = voter.GetByTestId("challenge-result");
        await Expect(check).ToHaveAttributeAsync("data-state", "matches", new() { Timeout = 60_000 });
        await Expect(check).ToContainTextAsync("this encryption matches your choice");
        await Expect(check).ToContainTextAsync($"it encrypts exactly: {choice}");
        await Expect(check).ToContainTextAsync("It is published, without your name");
        var freshCode = voter.GetByTestId("ready-tracking-code");
        await Expect(freshCode).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"), new() { Timeout = 60_000 });
        Assert.NotEqual(challengedCode, (await freshCode.TextContentAsync() ?? "").Trim());
        await browser.ScreenshotAsync(voter, "ballot-checked");
        await PageChecks.RunAsync(voter, "ballot-checked");
        var spoiled = await voter.APIRequest.GetAsync($"/api/elections/{electionId}/spoiled");
        Assert.True(spoiled.Ok, $"GET spoiled: {spoiled.Status}");
        var listed = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(await spoiled.TextAsync())!.AsArray());
        Assert.Equal([0, 1, 0], listed!["selections"]!.AsArray().Select(m => m!.GetValue<int>()));

        // Then casts the fresh encryption: the API accepts it and the receipt is shown.
        var castCode = (await freshCode.TextContentAsync() ?? "").Trim();
        await VoterPages.PressWithKeyboardAsync(voter, "Cast this ballot");
        var receipt = voter.GetByTestId("vote-receipt");
        await Expect(receipt).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var txHash = (await voter.GetByTestId("receipt-tx").TextContentAsync() ?? "").Trim();
        Assert.Matches(VoterPages.TxHash, txHash);
        await Expect(receipt).ToContainTextAsync("matches the one your browser computed");
        await Expect(voter.GetByTestId("receipt-tracking-code")).ToHaveTextAsync(castCode);
        // The encryption and proofs ran off the page's main thread, in the crypto web worker.
        Assert.NotEmpty(voter.Workers);
        await browser.ScreenshotAsync(voter, "voted-receipt");

        // Voting again is refused with a clear message.
        await VoterPages.ChooseAndVoteAsync(secondTab, "Ada Lovelace");
        var refusal = secondTab.GetByTestId("vote-error");
        await Expect(refusal).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(refusal).ToContainTextAsync(new Regex("already voted", RegexOptions.IgnoreCase));
        await Expect(refusal).Not.ToContainTextAsync("{");
        await browser.ScreenshotAsync(secondTab, "second-vote-refused");
        await secondTab.ReloadAsync();
        await Expect(secondTab.GetByTestId("already-voted")).ToBeVisibleAsync();
        await Expect(secondTab.GetByTestId("receipt-tx")).ToHaveTextAsync(txHash);
        await PageChecks.RunAsync(secondTab, "election");

        // The receipt becomes final and its inclusion proof checks in the browser.
        await voter.GetByRole(AriaRole.Link, new() { Name = "Follow your vote" }).ClickAsync();
        await Expect(voter.GetByTestId("receipt-status")).ToHaveAttributeAsync("data-status", "final", new() { Timeout = 120_000 });
        await Expect(voter.GetByTestId("inclusion-result")).ToHaveAttributeAsync("data-state", "valid", new() { Timeout = 30_000 });
        await Expect(voter.GetByTestId("tracking-code-help")).ToContainTextAsync("eth_getTransactionByHash");
        var blockText = (await voter.GetByTestId("receipt-block").TextContentAsync() ?? "").Trim();
        var blockNumber = long.Parse(Regex.Match(blockText, @"#(\d+)").Groups[1].Value);
        Assert.True(blockNumber > 0, $"the vote is in block {blockNumber}");
        await browser.ScreenshotAsync(voter, "receipt-final-proof-valid");
        await PageChecks.RunAsync(voter, "receipt");

        // The official closes the election and runs the tally.
        await VoterPages.AdminActionAsync(official, title, "Close voting", "Closed");
        await VoterPages.AdminActionAsync(official, title, "Run the tally", "Results published", timeoutMs: 180_000);
        await browser.ScreenshotAsync(official, "admin-tallied");
        // The admin page also shows each validator's health: all three reachable.
        var health = official.Locator("table", new() { Has = official.GetByRole(AriaRole.Columnheader, new() { Name = "Reachable" }) });
        await Expect(health.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(health.Locator("tbody tr").Filter(new() { HasText = "yes" })).ToHaveCountAsync(3);

        // The results show the one vote, and the browser recomputes the tally from the chain: every final block read
        // from a validator through the frontend's /chain-rpc proxy, the one ballot summed, election_tally and the
        // ceremony checked (docs/frontend.md "Checking the tally from the chain").
        await voter.GotoAsync($"/elections/{electionId}/results");
        await Expect(voter.GetByTestId("total-ballots")).ToHaveTextAsync("1");
        var table = voter.GetByTestId("results-table");
        foreach (var name in candidates)
        {
            var row = table.Locator("tbody tr").Filter(new() { HasText = name });
            await Expect(row.Locator("td").First).ToHaveTextAsync(name == choice ? "1" : "0");
        }
        await voter.GetByRole(AriaRole.Button, new() { Name = "Recompute the tally from the chain in my browser" }).ClickAsync();
        await Expect(voter.GetByTestId("tally-verification")).ToHaveAttributeAsync("data-state", "valid", new() { Timeout = 60_000 });
        await Expect(voter.GetByTestId("tally-verification")).ToContainTextAsync("The tally on chain verifies, recomputed from 1 final ballot.");
        var checkedList = voter.GetByTestId("tally-checked");
        await Expect(checkedList).ToContainTextAsync(new Regex(@"Read [\d,]+ final blocks \(0 to [\d,]+\) from validator [^ ]+:\d+ through JSON-RPC"));
        await Expect(checkedList).ToContainTextAsync($"Summed the encrypted choices of 1 final ballot for each of the {candidates.Length} candidates");
        await Expect(checkedList).ToContainTextAsync("partial decryption proof");
        await browser.ScreenshotAsync(voter, "results-verified");
        await PageChecks.RunAsync(voter, "results");

        // The explorer shows the chain's stats, three healthy validators and the latest final blocks;
        // the vote's block lists the vote, and the transaction page shows it final.
        await voter.GotoAsync("/explorer");
        await Expect(voter.GetByTestId("chain-stats")).ToContainTextAsync("✓ valid");
        await Expect(voter.GetByText("healthy", new() { Exact = true })).ToHaveCountAsync(3);
        await Expect(voter.GetByTestId("block-table").Locator("tbody tr").Filter(new() { HasText = "final" }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(voter, "explorer");
        await PageChecks.RunAsync(voter, "explorer");
        await voter.GotoAsync($"/explorer/blocks/{blockNumber}");
        var txLink = voter.GetByTestId("block-transactions").Locator($"a[href^='/explorer/tx/{txHash}']");
        await Expect(txLink).ToBeVisibleAsync();
        await Expect(voter.GetByText("final", new() { Exact = true }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(voter, "explorer-block-with-vote");
        await PageChecks.RunAsync(voter, "block");
        await txLink.ClickAsync();
        var facts = voter.Locator("dl.facts");
        await Expect(facts).ToContainTextAsync(txHash);
        await Expect(facts).ToContainTextAsync("final");
        await browser.ScreenshotAsync(voter, "explorer-transaction");
        await PageChecks.RunAsync(voter, "tx");

        // Nothing in any of those pages reached beyond the frontend's own origin (no fonts, CDNs, analytics).
        Assert.Empty(browser.ForeignRequests);
    }
}
