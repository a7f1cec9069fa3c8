namespace EVoting.Tests.Repository;

public class MarkdownAnchorsTests
{
    [Theory]
    [InlineData("Disjunctive proof", "disjunctive-proof")]
    [InlineData("Signing rules (`ISigningGuard`, `SigningRules.Next`)", "signing-rules-isigningguard-signingrulesnext")]
    [InlineData("Published tally: `evoting tally verify`", "published-tally-evoting-tally-verify")]
    [InlineData("Consensus: Tendermint with quorum ⌈2n/3⌉", "consensus-tendermint-with-quorum-2n3")]
    [InlineData("The whole system under load (issue #8)", "the-whole-system-under-load-issue-8")]
    [InlineData("Throughput — 2026-11-29", "throughput--2026-11-29")]
    [InlineData("snake_case and [a link](https://example.org)", "snake_case-and-a-link")]
    public void A_heading_gets_GitHubs_slug(string heading, string slug) =>
        Assert.Equal(slug, MarkdownAnchors.Slug(heading));

    [Fact]
    public void Repeated_headings_are_numbered_and_fenced_lines_are_not_headings()
    {
        var anchors = MarkdownAnchors.Of("# Tests\n```\n# not a heading\n```\n## Tests\n<a id=\"custom\"></a>\n");
        Assert.Equal(new[] { "custom", "tests", "tests-1" }, anchors.Order());
    }
}
