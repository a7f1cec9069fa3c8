using EVoting.Api.Elections;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>Election creation, opening and closing (ElectionCreator, ElectionLifecycle) against in-memory stores and chain.</summary>
public sealed class ElectionLifecycleTests
{
    [Fact]
    public async Task A_new_election_is_a_draft_with_its_key_hash_and_sealed_secret()
    {
        var s = new ServiceHarness();

        var election = await s.DraftAsync(candidates: 4, maxSelections: 2);

        Assert.Equal(ElectionStatus.Draft, election.Status);
        Assert.Equal(EVoting.Api.Elections.ElectionMapping.ToBallotElection(election).HashHex, election.ElectionHash);
        Assert.Equal(election.PublicKey, s.Creator.OpenKey(election).PublicKeyHex);
        Assert.Equal([1, 2, 3, 4], election.Candidates.Select(c => c.Position));
    }

    [Fact]
    public async Task Invalid_fields_of_a_new_election_are_all_reported()
    {
        var s = new ServiceHarness();

        var outcome = await s.Creator.CreateAsync(new("", null, DateTime.UtcNow, DateTime.UtcNow.AddDays(-1), [], 0), Ct);

        var invalid = Assert.IsType<Failure.InvalidFields>(outcome.Failure);
        Assert.Equal(["candidates", "ends_at", "max_selections", "title"], invalid.Errors.Keys.Order().ToArray());
        Assert.Empty(s.Elections.Elections);
    }

    private static CreateElectionRequest Request(int candidates, List<GuardianInput?>? guardians = null, int? quorum = null, string name = "Candidate") =>
        new("Board", null, null, null, Enumerable.Range(1, candidates).Select(i => (CandidateInput?)new CandidateInput($"{name} {i}", null)).ToList(), 1, guardians, quorum);

    private static List<GuardianInput?> Guardians(int n) => Enumerable.Range(1, n).Select(i => (GuardianInput?)new GuardianInput($"Guardian {i}", null)).ToList();

    [Theory]
    [InlineData(17, 2, "guardians")]
    [InlineData(3, 0, "quorum")]
    [InlineData(3, 4, "quorum")]
    [InlineData(0, 1, "guardians")]
    public async Task Guardians_and_quorum_out_of_bounds_are_refused(int guardians, int quorum, string field)
    {
        var s = new ServiceHarness();
        var outcome = await s.Creator.CreateAsync(Request(3, Guardians(guardians), quorum), Ct);
        Assert.Equal([field], Assert.IsType<Failure.InvalidFields>(outcome.Failure).Errors.Keys);
    }

    [Fact]
    public async Task A_quorum_without_guardians_two_guardians_of_one_name_and_records_too_large_for_a_transaction_are_refused()
    {
        var s = new ServiceHarness();
        Assert.Equal(["quorum"], Assert.IsType<Failure.InvalidFields>((await s.Creator.CreateAsync(Request(3, quorum: 2), Ct)).Failure).Errors.Keys);
        List<GuardianInput?> twins = [new GuardianInput("Ann", null), new GuardianInput(" ann ", null)];
        Assert.Equal(["guardians"], Assert.IsType<Failure.InvalidFields>((await s.Creator.CreateAsync(Request(3, twins, 1), Ct)).Failure).Errors.Keys);
        // 64 names of 190 non-ASCII characters: the election_open would exceed max_tx_bytes (64 KiB) once escaped.
        var longNames = await s.Creator.CreateAsync(Request(64, name: new string('é', 190)), Ct);
        Assert.Contains("do not fit in one chain transaction", Assert.IsType<Failure.InvalidFields>(longNames.Failure).Errors["candidates"][0]);
        // 64 candidates × 16 guardians' partial decryptions would not fit in one election_tally.
        var tally = await s.Creator.CreateAsync(Request(64, Guardians(16), 2), Ct);
        Assert.Contains("does not fit in one chain transaction", Assert.IsType<Failure.InvalidFields>(tally.Failure).Errors["guardians"][0]);
        Assert.Empty(s.Elections.Elections);
    }

    [Fact]
    public async Task An_election_with_guardians_has_no_key_and_keeps_only_the_hashes_of_the_tokens_it_returns_once()
    {
        var s = new ServiceHarness();

        var created = (await s.Creator.CreateAsync(Request(3, Guardians(3), 2), Ct)).Value!;

        Assert.Equal(("", 3, 2, true), (created.PublicKey, created.Guardians, created.Quorum, created.ExternalGuardians));
        var stored = s.Elections.Elections[created.Id];
        Assert.Empty(stored.EncryptedSecretKey);
        Assert.Throws<InvalidOperationException>(() => s.Creator.OpenKey(stored));
        Assert.Equal(created.GuardianInvitations!.Select(g => GuardianTokens.Hash(g.Token)), stored.GuardianRows.Select(g => g.TokenHash));
        Assert.DoesNotContain(stored.GuardianRows, g => created.GuardianInvitations!.Any(i => i.Token == g.TokenHash));
        Assert.Equal(3, created.GuardianInvitations!.Select(g => g.Token).Distinct().Count());
    }

    [Fact]
    public async Task Opening_a_draft_puts_election_open_on_chain_and_opens_once_it_is_final()
    {
        var s = new ServiceHarness();
        var draft = await s.DraftAsync();
        s.Chain.SealOnSend = true;

        var opened = await s.Lifecycle.OpenAsync(draft.Id, Ct);
        var again = await s.Lifecycle.OpenAsync(draft.Id, Ct);

        Assert.Equal("open", opened.Value!.Status);
        Assert.NotNull(opened.Value.OpenedAt);
        Assert.Equal("open", again.Value!.Status);
        Assert.Equal(1, s.Chain.Sends);
        var evt = Assert.Single(s.Elections.Events);
        Assert.Equal((ChainEventKind.Open, TxStatus.Final, 1L), (evt.Kind, evt.Status, evt.BlockNumber));
        var tx = Assert.Single(s.Chain.Blocks[0].Transactions);
        Assert.Equal((EVoting.Chain.TxKind.ElectionOpen, (ulong)draft.Id, 3), (tx.Kind, tx.ElectionId, tx.Candidates));
    }

    [Fact]
    public async Task A_refused_open_is_reported_as_the_chains_refusal_and_the_election_stays_draft()
    {
        var s = new ServiceHarness();
        var draft = await s.DraftAsync();
        s.Chain.RefuseWith = "election id is already in use";

        var outcome = await s.Lifecycle.OpenAsync(draft.Id, Ct);

        Assert.Equal(new Failure.ChainRefused("The validators refused the election_open transaction: election id is already in use"), outcome.Failure);
        Assert.Equal(ElectionStatus.Draft, draft.Status);
    }

    [Fact]
    public async Task An_open_that_is_not_final_in_time_is_unavailable_and_can_be_retried()
    {
        var s = new ServiceHarness(openTimeoutSeconds: 10);
        var draft = await s.DraftAsync();
        s.Chain.Unreachable = true;
        s.Chain.OnLocate = () => s.Clock.Advance(TimeSpan.FromSeconds(6));

        var timedOut = await s.Lifecycle.OpenAsync(draft.Id, Ct);
        s.Chain.Unreachable = false;
        s.Chain.SealOnSend = true;
        var retried = await s.Lifecycle.OpenAsync(draft.Id, Ct);

        Assert.StartsWith("The election_open transaction is not final within 10 s", Assert.IsType<Failure.ChainUnavailable>(timedOut.Failure).Detail);
        Assert.Equal("open", retried.Value!.Status);
        Assert.Single(s.Elections.Events); // the retry resent the same transaction
    }

    [Fact]
    public async Task Only_a_draft_opens_and_only_an_open_election_closes()
    {
        var s = new ServiceHarness();
        var draft = await s.DraftAsync();
        var open = await s.OpenAsync();

        var closeDraft = await s.Lifecycle.CloseAsync(draft.Id, Ct);
        var closed = await s.Lifecycle.CloseAsync(open.Id, Ct);
        var closedAgain = await s.Lifecycle.CloseAsync(open.Id, Ct);
        var reopen = await s.Lifecycle.OpenAsync(open.Id, Ct);

        Assert.Equal(new Failure.Conflict($"Election {draft.Id} is draft; only an open election can be closed."), closeDraft.Failure);
        Assert.Equal("closed", closed.Value!.Status);
        Assert.NotNull(closed.Value.ClosedAt);
        Assert.Equal("closed", closedAgain.Value!.Status);
        Assert.Equal(new Failure.Conflict($"Election {open.Id} is closed; only a draft election can be opened."), reopen.Failure);
        Assert.IsType<Failure.NotFound>((await s.Lifecycle.CloseAsync(99, Ct)).Failure);
        Assert.IsType<Failure.NotFound>((await s.Lifecycle.OpenAsync(99, Ct)).Failure);
    }

    [Fact]
    public async Task Listings_show_has_voted_for_the_caller_only()
    {
        var s = new ServiceHarness();
        var open = await s.OpenAsync();
        await s.DraftAsync();
        await s.Submitter.SubmitAsync(7, Ballot(open, 1), Ct);

        var all = await s.Queries.ListAsync(openOnly: false, voterId: 7, Ct);
        var active = await s.Queries.ListAsync(openOnly: true, voterId: 8, Ct);
        var anonymous = await s.Queries.GetAsync(open.Id, voterId: null, Ct);

        Assert.Equal([true, false], all.Select(e => e.HasVoted));
        Assert.Equal([(open.Id, false)], active.Select(e => (e.Id, e.HasVoted)));
        Assert.False(anonymous.Value!.HasVoted);
    }
}
