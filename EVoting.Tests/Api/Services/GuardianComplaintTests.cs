using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Chain;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// A guardian's complaint about a share it received (GuardianRelay, docs/trustees.md "A complaint"), with the real
/// ceremony cryptography against the in-memory stores and chain. A complaint carries the share's shared point S and its
/// proof; the relay decrypts the share itself: a wrong share or one that does not decrypt is upheld, the sender is
/// removed and the others restart, complete, open and tally; an honest share is refused, nothing changes but the record;
/// a lying complainer (a forged S) is refused without a record and the honest accused stays; upheld with too few left,
/// the ceremony fails; and the complaints a hostile guardian could send.
/// </summary>
public sealed class GuardianComplaintTests
{
    private readonly ServiceHarness _s = new();

    private static string Hex(Org.BouncyCastle.Math.BigInteger? share) => RelayGuardian.Hex(share!);

    /// <summary>Every guardian joins and posts its shares; <paramref name="cheater"/> (1-based) sends a wrong share to <paramref name="victim"/>.</summary>
    private static async Task ToVerificationAsync(RelayGuardian[] guardians, int cheater = 0, int victim = 0, bool garbage = false)
    {
        foreach (var g in guardians)
            Assert.True((await g.JoinAsync()).Succeeded);
        for (var i = 0; i < guardians.Length; i++)
        {
            var posted = await guardians[i].SharesAsync(cheatOn: i + 1 == cheater ? victim : null, garbage);
            Assert.True(posted.Succeeded, posted.ToString());
        }
    }

    [Fact]
    public async Task An_upheld_complaint_removes_the_sender_and_the_others_restart_open_and_tally_with_indices_1_and_2()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob", "Carol");
        var (alice, bob, carol) = (guardians[0], guardians[1], guardians[2]);
        await ToVerificationAsync(guardians, cheater: 2, victim: 1);
        Assert.True((await carol.AcceptAsync()).Succeeded); // Carol's shares match: her verdict is given before the complaint
        var bad = Assert.Single(await alice.OpenSharesAsync(), r => !r.Matches);
        Assert.Equal(2, bad.From);

        var upheld = await alice.ComplainAsync(2);

        // The next round has Alice and Carol as guardians 1 and 2 (Carol moved down), nothing of round 1, and the
        // complaint that started it.
        var ceremony = upheld.Value!;
        Assert.Equal((2, 2, 2, CeremonyState.Commitments), (ceremony.Guardians, ceremony.Quorum, ceremony.Round, ceremony.Phase));
        Assert.Equal([(1, "Alice"), (2, "Carol")], ceremony.Members.Select(m => (m.Index, m.Name)));
        Assert.All(ceremony.Members, m => Assert.Equal((false, false, (string?)null), (m.CommitmentsPosted, m.SharesPosted, m.Verdict)));
        Assert.All(ceremony.Commitments, Assert.Null);
        Assert.Empty(ceremony.Shares);
        var judged = Assert.Single(ceremony.Complaints);
        // The record shows the share as the relay decrypted it with the proven S (Bob's P_2(1) + 1), S and the proof.
        Assert.Equal((1, 1, "Alice", 2, "Bob", Hex(bad.Value), JudgedComplaint.Restarted),
            (judged.Round, judged.By, judged.ByName, judged.Accused, judged.AccusedName, judged.Share, judged.Ruling));
        Assert.Equal(66, judged.SharedPoint.Length);
        Assert.Equal((64, 64), (judged.Proof.C.Length, judged.Proof.V.Length));
        Assert.Equal("Guardian 1 (Alice) complained about the share from guardian 2 (Bob) in round 1: it fails Bob's commitments, so Bob is removed and the ceremony restarts with the other 2 guardians (round 2).", judged.Reason);
        // The election's own response (the official's page) shows the same.
        var shown = (await _s.Queries.GetAsync(election.Id, null, Ct)).Value!;
        Assert.Equal((2, 2, ""), (shown.Guardians, shown.CeremonyRound, shown.PublicKey));
        Assert.Equal(judged, Assert.Single(shown.CeremonyComplaints!));

        // Bob's token no longer works, and says why.
        var who = await _s.Relay.WhoAmIAsync(election.Id, bob.Token, Ct);
        Assert.Equal($"Bob is no longer a guardian of election {election.Id}: {judged.Reason}", Assert.IsType<Failure.Forbidden>(who.Failure).Detail);
        Assert.IsType<Failure.Forbidden>((await _s.Relay.PostSharesAsync(election.Id, bob.Token, new PostSharesRequest([]), Ct)).Failure);
        Assert.IsType<Failure.Forbidden>((await bob.ComplainAsync(1, round: 2)).Failure);
        // Round 1's verdicts are stale now: Carol's accept of round 1 is not taken for round 2.
        Assert.StartsWith("The key ceremony is in round 2, not 1", Assert.IsType<Failure.Conflict>((await _s.Relay.PostVerdictAsync(
            election.Id, carol.Token, new PostVerdictRequest(1, true, null, null, null), Ct)).Failure).Detail);

        // Round 2: new polynomials for g = 2, q = 2; every share matches; complete.
        await ToVerificationAsync([alice, carol]);
        Assert.Equal((1, 2, 2, 2), (alice.Index, carol.Index, alice.Round, carol.Round));
        Assert.True((await alice.AcceptAsync()).Succeeded);
        var complete = (await carol.AcceptAsync()).Value!;
        Assert.Equal(CeremonyState.Complete, complete.Phase);
        var record = CeremonyJson.Parse(complete.Record!.ToJsonString());
        Assert.Equal((2, 2), (record.Parameters.Guardians, record.Parameters.Quorum));

        // The election opens with that record on chain, takes votes, closes, and two guardians' shares tally it.
        _s.Chain.SealOnSend = true;
        Assert.True((await _s.Lifecycle.OpenAsync(election.Id, Ct)).Succeeded);
        _s.Chain.SealOnSend = false;
        var open = _s.Chain.Blocks.SelectMany(b => b.Transactions).Single(t => t.Kind == TxKind.ElectionOpen && t.ElectionId == (ulong)election.Id);
        Assert.Equal(complete.Record!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(open.Ceremony)!.ToJsonString());
        foreach (var (voter, choice) in new[] { (1, 1), (2, 3), (3, 3) })
            Assert.True((await _s.Submitter.SubmitAsync(voter, Ballot(election, choice), Ct)).Succeeded);
        _s.Chain.Seal();
        await _s.Lifecycle.CloseAsync(election.Id, Ct);
        await _s.PutCloseOnChainAsync(election.Id);
        Assert.True((await alice.DecryptAsync()).Succeeded);
        Assert.True((await carol.DecryptAsync()).Succeeded);
        _s.Chain.SealOnSend = true;
        var tally = await _s.Tally.TallyAsync(election.Id, Ct);
        Assert.True(tally.Succeeded, tally.ToString());
        Assert.Equal([1L, 0L, 2L], tally.Value!.Candidates.Select(c => c.Count));
        Assert.Equal([1, 2], tally.Value.Guardians);
        Assert.True(tally.Value.Verified);
    }

    [Fact]
    public async Task A_refused_complaint_is_recorded_and_changes_nothing_else()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob", "Carol");
        var (alice, bob) = (guardians[0], guardians[1]);
        await ToVerificationAsync(guardians);
        Assert.True((await guardians[2].AcceptAsync()).Succeeded);
        var before = (await _s.Relay.StatusAsync(election.Id, Ct)).Value!;
        var good = (await alice.OpenSharesAsync()).Single(r => r.From == 2);
        Assert.True(good.Matches);

        var refused = await alice.ComplainAsync(2);

        Assert.Equal("Guardian 1 (Alice) complained about the share from guardian 2 (Bob) in round 1: that share matches Bob's commitments. The complaint is refused and recorded; nothing else changes.",
            Assert.IsType<Failure.BadInput>(refused.Failure).Detail);
        var after = (await _s.Relay.StatusAsync(election.Id, Ct)).Value!;
        var judged = Assert.Single(after.Complaints);
        Assert.Equal((1, 1, 2, Hex(good.Value), JudgedComplaint.Refused), (judged.Round, judged.By, judged.Accused, judged.Share, judged.Ruling));
        Assert.Equal((before.Round, before.Guardians, before.Phase), (after.Round, after.Guardians, after.Phase));
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Commitments.Select(c => c!.ToJsonString()), after.Commitments.Select(c => c!.ToJsonString()));
        Assert.Equal(3, _s.Elections.Elections[election.Id].Guardians);
        // The same complaint again is not recorded twice.
        Assert.Equal("Guardian 1's complaint about guardian 2 (Bob) was already refused in round 1.",
            Assert.IsType<Failure.Conflict>((await alice.ComplainAsync(2)).Failure).Detail);
        Assert.Single((await _s.Relay.StatusAsync(election.Id, Ct)).Value!.Complaints);

        // The complainer may still accept, and the ceremony completes as if nothing happened.
        Assert.True((await alice.AcceptAsync()).Succeeded);
        Assert.Equal(CeremonyState.Complete, (await bob.AcceptAsync()).Value!.Phase);
    }

    [Fact]
    public async Task A_lying_complainer_is_refused_without_a_record_and_the_honest_accused_stays()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob", "Carol");
        var (alice, bob, carol) = (guardians[0], guardians[1], guardians[2]);
        await ToVerificationAsync(guardians);
        var before = (await _s.Relay.StatusAsync(election.Id, Ct)).Value!;
        Assert.True((await alice.OpenSharesAsync()).Single(r => r.From == 2).Matches);

        // Bob's share is honest. Alice cannot make it decrypt to another value: any S other than a_{1,0}·R (S + G, or a
        // random point) fails the proof of the real S, and so does an altered proof.
        var refusals = new List<string>();
        foreach (var forge in new Func<ComplaintProof, ComplaintProof>[]
        {
            p => p with { SharedPoint = p.SharedPoint.Add(P256.G).Normalize() },
            p => p with { SharedPoint = P256.MultiplyG(P256.RandomNonZeroScalar()).Normalize() },
            p => p with { V = P256.Mod(p.V.Add(Org.BouncyCastle.Math.BigInteger.One)) },
        })
            refusals.Add(Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(2, forge: forge)).Failure).Detail);

        Assert.All(refusals, r => Assert.Equal(
            $"proof: {TrusteeErrors.ComplaintProofInvalid} (guardian 1's complaint about guardian 2, round 1). The complaint is refused and not recorded; nothing changes.", r));
        var after = (await _s.Relay.StatusAsync(election.Id, Ct)).Value!;
        Assert.Empty(after.Complaints);
        Assert.Equal((before.Round, before.Guardians, before.Phase), (after.Round, after.Guardians, after.Phase));
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Shares.Select(n => n.ToJsonString()), after.Shares.Select(n => n.ToJsonString()));
        Assert.Equal(2, (await _s.Relay.WhoAmIAsync(election.Id, bob.Token, Ct)).Value!.Index);
        // A proven complaint about the honest share is refused (and recorded), and the ceremony still completes.
        Assert.EndsWith("that share matches Bob's commitments. The complaint is refused and recorded; nothing else changes.",
            Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(2)).Failure).Detail);
        Assert.True((await alice.AcceptAsync()).Succeeded);
        Assert.True((await bob.AcceptAsync()).Succeeded);
        Assert.Equal(CeremonyState.Complete, (await carol.AcceptAsync()).Value!.Phase);
    }

    [Fact]
    public async Task A_share_that_does_not_decrypt_is_upheld_with_no_value_and_the_sender_is_removed()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob", "Carol");
        var carol = guardians[2];
        await ToVerificationAsync(guardians, cheater: 1, victim: 3, garbage: true);
        Assert.Equal((1, (Org.BouncyCastle.Math.BigInteger?)null, false), (await carol.OpenSharesAsync()).Single(r => r.From == 1));

        var upheld = await carol.ComplainAsync(1);

        var ceremony = upheld.Value!;
        Assert.Equal((2, 2, CeremonyState.Commitments), (ceremony.Guardians, ceremony.Round, ceremony.Phase));
        Assert.Equal([(1, "Bob"), (2, "Carol")], ceremony.Members.Select(m => (m.Index, m.Name)));
        var judged = Assert.Single(ceremony.Complaints);
        Assert.Equal((3, 1, (string?)null, JudgedComplaint.Restarted), (judged.By, judged.Accused, judged.Share, judged.Ruling));
        Assert.Equal("Guardian 3 (Carol) complained about the share from guardian 1 (Alice) in round 1: it does not decrypt with the key its proven shared point gives, so Alice is removed and the ceremony restarts with the other 2 guardians (round 2).", judged.Reason);
        Assert.IsType<Failure.Forbidden>((await _s.Relay.WhoAmIAsync(election.Id, guardians[0].Token, Ct)).Failure);
    }

    [Fact]
    public async Task An_upheld_complaint_that_leaves_fewer_guardians_than_the_quorum_fails_the_ceremony_with_the_reason()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob");
        var (alice, bob) = (guardians[0], guardians[1]);
        await ToVerificationAsync(guardians, cheater: 2, victim: 1);
        var bad = Assert.Single(await alice.OpenSharesAsync());

        var upheld = await alice.ComplainAsync(2);

        const string reason = "Guardian 1 (Alice) complained about the share from guardian 2 (Bob) in round 1: it fails Bob's commitments; without Bob 1 guardians would remain, fewer than the quorum of 2, so the ceremony has failed. Create the election again.";
        Assert.Equal((CeremonyState.Failed, 1, 2), (upheld.Value!.Phase, upheld.Value.Round, upheld.Value.Guardians));
        Assert.Equal((JudgedComplaint.Failed, reason), (upheld.Value.Complaints.Single().Ruling, upheld.Value.Complaints.Single().Reason));
        Assert.Equal(new Failure.Conflict($"Election {election.Id}'s key ceremony failed; it cannot open. {reason}"), (await _s.Lifecycle.OpenAsync(election.Id, Ct)).Failure);
        Assert.Equal(ElectionStatus.Draft, election.Status);
        // Nothing moves a failed ceremony again.
        Assert.Equal(new Failure.Conflict($"The key ceremony has failed: {reason}"), (await bob.AcceptAsync()).Failure);
        Assert.Equal(new Failure.Conflict($"The key ceremony has failed: {reason}"), (await alice.JoinAsync()).Failure);
    }

    [Fact]
    public async Task Hostile_verdicts_are_refused_with_a_reason_and_change_nothing()
    {
        var (election, guardians) = await _s.DraftWithGuardiansAsync(2, "Alice", "Bob", "Carol");
        var (alice, bob, carol) = (guardians[0], guardians[1], guardians[2]);
        foreach (var g in guardians)
            Assert.True((await g.JoinAsync()).Succeeded);
        // Before every guardian's shares there is nothing to judge.
        Assert.StartsWith("A verdict is given once every guardian has posted its shares",
            Assert.IsType<Failure.Conflict>((await alice.ComplainAsync(2)).Failure).Detail);
        foreach (var g in guardians)
            Assert.True((await g.SharesAsync()).Succeeded);

        Assert.StartsWith("round: ", Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(null, true, null, null, null))).Failure).Detail);
        Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, false, null, null, null))).Failure);
        var proof = new SharedPointProof(Hex(P256.RandomNonZeroScalar()), Hex(P256.RandomNonZeroScalar()));
        const string badPoint = "shared_point: the share's shared point S = a_{ℓ,0}·R is a compressed curve point in lowercase hex (66 characters).";
        const string badProof = "proof: the Chaum-Pedersen proof {c, v} is two scalars, each 32 bytes of lowercase hex.";
        Assert.Equal(badPoint, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, "not hex", proof))).Failure).Detail);
        Assert.Equal(badPoint, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, null, proof))).Failure).Detail);
        Assert.Equal(badPoint, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, "02" + new string('f', 64), proof))).Failure).Detail);
        var point = LowerHex.Encode(P256.Encode(P256.G));
        Assert.Equal(badProof, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, point, null))).Failure).Detail);
        Assert.Equal(badProof, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, point, proof with { C = "zz" }))).Failure).Detail);
        Assert.Equal(badProof, Assert.IsType<Failure.BadInput>((await Verdict(new PostVerdictRequest(1, null, 2, point, proof with { V = new string('f', 64) }))).Failure).Detail);
        Assert.Equal("Guardian 1 cannot complain about its own share.", Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(1)).Failure).Detail);
        Assert.Equal("from: round 1 has guardians 1..3; there is no guardian 7.", Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(7)).Failure).Detail);
        Assert.Equal("from: round 1 has guardians 1..3; there is no guardian 0.", Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(0)).Failure).Detail);
        Assert.StartsWith("The key ceremony is in round 1, not 2", Assert.IsType<Failure.Conflict>((await alice.ComplainAsync(2, round: 2)).Failure).Detail);
        // A proof made for another round (posted as this round's complaint) does not verify: refused, not recorded.
        Assert.StartsWith($"proof: {TrusteeErrors.ComplaintProofInvalid} (guardian 1's complaint about guardian 2, round 1).",
            Assert.IsType<Failure.BadInput>((await alice.ComplainAsync(2, proofRound: 2)).Failure).Detail);
        Assert.IsType<Failure.NotAuthenticated>((await _s.Relay.PostVerdictAsync(election.Id, "not a token", new PostVerdictRequest(1, true, null, null, null), Ct)).Failure);
        var untouched = (await _s.Relay.StatusAsync(election.Id, Ct)).Value!;
        Assert.Equal((1, CeremonyState.Verification), (untouched.Round, untouched.Phase));
        Assert.Empty(untouched.Complaints);
        Assert.All(untouched.Members, m => Assert.Null(m.Verdict));

        // A guardian who accepted cannot complain afterwards, and once complete no complaint changes anything.
        Assert.True((await alice.AcceptAsync()).Succeeded);
        Assert.Equal("Guardian 1 has already given its verdict (accepted) in round 1.", Assert.IsType<Failure.Conflict>((await alice.ComplainAsync(2)).Failure).Detail);
        Assert.True((await bob.AcceptAsync()).Succeeded);
        Assert.True((await carol.AcceptAsync()).Succeeded);
        Assert.Equal("The key ceremony is complete: every guardian accepted every share, and no verdict changes it.",
            Assert.IsType<Failure.Conflict>((await carol.ComplainAsync(1)).Failure).Detail);
        Assert.Empty((await _s.Relay.StatusAsync(election.Id, Ct)).Value!.Complaints);

        Task<Outcome<CeremonyResponse>> Verdict(PostVerdictRequest request) => _s.Relay.PostVerdictAsync(election.Id, alice.Token, request, Ct);
    }
}
