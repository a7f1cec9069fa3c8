using EVoting.Api.Elections;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>When a tally may run, and what it counts (TallyService) against in-memory stores and chain.</summary>
public sealed class TallyPreconditionTests
{
    private readonly ServiceHarness _s = new();

    [Fact]
    public async Task Draft_open_and_unknown_elections_are_not_tallied()
    {
        var draft = await _s.DraftAsync();
        var open = await _s.OpenAsync();

        Assert.Equal(new Failure.Conflict($"Election {draft.Id} is draft; it can be tallied only after it is closed."), (await _s.Tally.TallyAsync(draft.Id, Ct)).Failure);
        Assert.Equal(new Failure.Conflict($"Election {open.Id} is open; it can be tallied only after it is closed."), (await _s.Tally.TallyAsync(open.Id, Ct)).Failure);
        Assert.IsType<Failure.NotFound>((await _s.Tally.TallyAsync(99, Ct)).Failure);
        Assert.Equal(new Failure.Conflict($"Election {open.Id} has not been tallied yet (status open)."), (await _s.Tally.ResultsAsync(open.Id, Ct)).Failure);
    }

    [Fact]
    public async Task A_closed_election_waits_for_its_close_transaction_and_says_how_many_votes_are_not_final()
    {
        var election = await _s.OpenAsync();
        await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);
        await _s.Submitter.SubmitAsync(8, Ballot(election, 2), Ct);
        await _s.Lifecycle.CloseAsync(election.Id, Ct);

        var outcome = await _s.Tally.TallyAsync(election.Id, Ct);

        Assert.Equal(new Failure.Conflict("The election_close transaction is not sent yet: 2 accepted vote(s) are not final. Retry shortly."), outcome.Failure);
        Assert.Equal(ElectionStatus.Closed, election.Status);
    }

    [Fact]
    public async Task A_tally_counts_the_votes_on_chain_before_the_close_and_is_stored_once()
    {
        var election = await _s.OpenAsync(candidates: 3);
        foreach (var (voter, choice) in new[] { (1, 1), (2, 3), (3, 3) })
            await _s.Submitter.SubmitAsync(voter, Ballot(election, choice), Ct);
        _s.Chain.Seal();
        await _s.Lifecycle.CloseAsync(election.Id, Ct);
        await _s.PutCloseOnChainAsync(election.Id);
        _s.Chain.SealOnSend = true;

        var tally = await _s.Tally.TallyAsync(election.Id, Ct);
        var again = await _s.Tally.TallyAsync(election.Id, Ct);
        var results = await _s.Tally.ResultsAsync(election.Id, Ct);

        Assert.True(tally.Succeeded, tally.ToString());
        Assert.Equal([1L, 0L, 2L], tally.Value!.Candidates.Select(c => c.Count));
        Assert.Equal((3, "tallied", true), (tally.Value.TotalBallots, tally.Value.Status, tally.Value.Verified));
        Assert.Equal(tally.Value.ComputedAt, again.Value!.ComputedAt);
        Assert.Equal(tally.Value.Candidates, results.Value!.Candidates);
        Assert.Single(_s.Elections.Tallies);

        // The threshold record is on chain, final, and checks against the ceremony the election_open carries.
        var onChain = _s.Chain.Blocks.SelectMany(b => b.Transactions).ToArray();
        var open = Assert.Single(onChain, t => t.Kind == EVoting.Chain.TxKind.ElectionOpen && t.ElectionId == (ulong)election.Id);
        var published = Assert.Single(onChain, t => t.Kind == EVoting.Chain.TxKind.ElectionTally);
        Assert.Equal(published.Hash.ToString(), tally.Value.TallyTransaction);
        Assert.Equal(("final", 3), (tally.Value.TallyTransactionStatus, published.TotalBallots));
        Assert.Equal([1], tally.Value.Guardians);
        Assert.Equal(["Candidate 1", "Candidate 2", "Candidate 3"], open.CandidateNames);
        Assert.Null(EVoting.Ballots.Trustees.TrusteeVerifier.VerifyThresholdResults(election.ToBallotElection(), open.Ceremony, published.Results));
        Assert.Equal([1L, 0L, 2L], EVoting.Ballots.Trustees.ThresholdJson.ParseResults(published.Results).Select(r => r.Count));
    }

    [Fact]
    public async Task A_chain_that_cannot_be_read_leaves_the_election_closed()
    {
        var election = await _s.OpenAsync();
        await _s.Lifecycle.CloseAsync(election.Id, Ct);
        await _s.PutCloseOnChainAsync(election.Id);
        _s.Chain.Unreachable = true;

        var outcome = await _s.Tally.TallyAsync(election.Id, Ct);

        Assert.StartsWith("The chain could not be read for the tally", Assert.IsType<Failure.ChainUnavailable>(outcome.Failure).Detail);
        Assert.Equal(ElectionStatus.Closed, election.Status);
    }
}
