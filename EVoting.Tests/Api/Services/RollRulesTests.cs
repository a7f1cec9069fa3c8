using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using EVoting.Api.Votes;
using EVoting.Chain;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>The roll's rules (RollService, Enrolment, VoteSubmitter's eligibility check) against in-memory stores and chain.</summary>
public sealed class RollRulesTests
{
    private readonly ServiceHarness _s = new();
    private Enrolment Enrolment => new(_s.Rolls, _s.Elections, _s.Clock);

    private static PipeReader Csv(string text) => PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private async Task<Dictionary<string, string>> CodesAsync(int electionId)
    {
        var issued = await _s.Roll.IssueCodesAsync(electionId, Ct);
        Assert.True(issued.Succeeded, issued.ToString());
        using var file = new MemoryStream();
        await issued.Value!(file);
        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("identifier,code", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>A draft roll election with <paramref name="roll"/> uploaded and its codes issued.</summary>
    private async Task<(ElectionRecord Election, Dictionary<string, string> Codes)> DraftWithCodesAsync(params string[] roll)
    {
        var election = await _s.DraftAsync(eligibility: Eligibility.Roll);
        Assert.True((await _s.Roll.UploadAsync(election.Id, Csv(string.Join('\n', roll)), Ct)).Succeeded);
        return (election, await CodesAsync(election.Id));
    }

    [Fact]
    public async Task An_upload_keeps_each_identifier_once_in_lower_case_and_skips_blank_lines()
    {
        var election = await _s.DraftAsync(eligibility: Eligibility.Roll);

        var uploaded = await _s.Roll.UploadAsync(election.Id, Csv("\uFEFFAda@Example.org\n\n  ada@example.org \r\nbob@example.org"), Ct);

        Assert.Equal(new RollUploadResponse(2, 1, 1), uploaded.Value);
        Assert.Equal(["ada@example.org", "bob@example.org"], _s.Rolls.Entries.Select(e => e.Identifier));
        Assert.Equal(2, election.RollEntries);
    }

    [Theory]
    [InlineData("a@x.org\nb@x.org,extra\n", "line 2")]
    [InlineData("a@x.org\n\"b@x.org\"\n", "line 2")]
    [InlineData("a@x.org\nb\u0001@x.org\n", "line 2")]
    public async Task A_bad_line_stores_nothing_and_is_named(string csv, string named)
    {
        var election = await _s.DraftAsync(eligibility: Eligibility.Roll);
        await _s.Roll.UploadAsync(election.Id, Csv("kept@x.org\n"), Ct);

        var refused = await _s.Roll.UploadAsync(election.Id, Csv(csv), Ct);

        Assert.Contains(named, Assert.IsType<Failure.BadInput>(refused.Failure).Detail);
        Assert.Equal(["kept@x.org"], _s.Rolls.Entries.Select(e => e.Identifier));
    }

    [Fact]
    public async Task An_open_election_has_no_roll_and_a_roll_election_does_not_open_without_one()
    {
        var open = await _s.DraftAsync(eligibility: Eligibility.Open);
        var roll = await _s.DraftAsync(eligibility: Eligibility.Roll);

        Assert.IsType<Failure.Conflict>((await _s.Roll.UploadAsync(open.Id, Csv("a@x.org"), Ct)).Failure);
        Assert.Contains("no voter roll", Assert.IsType<Failure.Conflict>((await _s.Lifecycle.OpenAsync(roll.Id, Ct)).Failure).Detail);
    }

    [Fact]
    public async Task Codes_are_issued_once_and_only_their_hashes_are_kept()
    {
        var election = await _s.DraftAsync(eligibility: Eligibility.Roll);
        await _s.Roll.UploadAsync(election.Id, Csv("a@x.org\nb@x.org\nc@x.org"), Ct);

        var codes = await CodesAsync(election.Id);
        var again = await _s.Roll.IssueCodesAsync(election.Id, Ct);

        Assert.Equal(["a@x.org", "b@x.org", "c@x.org"], codes.Keys.Order());
        Assert.Equal(3, codes.Values.Distinct().Count());
        foreach (var entry in _s.Rolls.Entries)
            Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(codes[entry.Identifier].Replace("-", ""))), entry.CodeHash);
        Assert.Contains("shown only once", Assert.IsType<Failure.Conflict>(again.Failure).Detail);
    }

    [Fact]
    public async Task A_code_enrols_one_account_once_and_unknown_used_malformed_and_expired_codes_say_which()
    {
        var (election, codes) = await DraftWithCodesAsync("a@x.org", "b@x.org");

        var enrolled = await Enrolment.EnrolAsync(1, new EnrolRequest(codes["a@x.org"].ToLowerInvariant()), Ct);
        var used = await Enrolment.EnrolAsync(2, new EnrolRequest(codes["a@x.org"]), Ct);
        var secondEntry = await Enrolment.EnrolAsync(1, new EnrolRequest(codes["b@x.org"]), Ct);
        var unknown = await Enrolment.EnrolAsync(2, new EnrolRequest(EnrolmentCode.Generate()), Ct);
        var malformed = await Enrolment.EnrolAsync(2, new EnrolRequest("12345"), Ct);
        _s.Clock.Advance(new RollOptions().CodeLifetime);
        var expired = await Enrolment.EnrolAsync(2, new EnrolRequest(codes["b@x.org"]), Ct);

        Assert.Equal(election.Id, enrolled.Value!.ElectionId);
        Assert.Equal(new Failure.Conflict(Enrolment.Used), used.Failure);
        Assert.Equal(new Failure.Conflict(Enrolment.AlreadyEnrolled), secondEntry.Failure);
        Assert.Equal(new Failure.BadInput(Enrolment.Unknown), unknown.Failure);
        Assert.Equal(["code"], Assert.IsType<Failure.InvalidFields>(malformed.Failure).Errors.Keys);
        Assert.Contains("expired", Assert.IsType<Failure.Conflict>(expired.Failure).Detail);
    }

    [Fact]
    public async Task Only_an_enrolled_account_casts_and_the_roll_size_goes_on_chain_with_the_open()
    {
        var (election, codes) = await DraftWithCodesAsync("a@x.org", "b@x.org", "c@x.org");
        await Enrolment.EnrolAsync(7, new EnrolRequest(codes["a@x.org"]), Ct);
        _s.Chain.SealOnSend = true;
        Assert.True((await _s.Lifecycle.OpenAsync(election.Id, Ct)).Succeeded);
        _s.Chain.SealOnSend = false;

        var offRoll = await _s.Submitter.SubmitAsync(8, Ballot(election, 1), Ct);
        var onRoll = await _s.Submitter.SubmitAsync(7, Ballot(election, 1), Ct);

        Assert.Equal(new Failure.Forbidden(VoteSubmitter.NotOnRoll(election.Id)), offRoll.Failure);
        Assert.True(onRoll.Succeeded, onRoll.ToString());
        // Challenging an encryption is for the roll's voters too: strangers cannot fill the election's spoiled list.
        var challenge = ChallengedBallots.Element(election.ToBallotElection(), ChallengedBallots.Make(election.ToBallotElection(), 2));
        Assert.Equal(new Failure.Forbidden(VoteSubmitter.NotOnRoll(election.Id)), (await _s.SpoiledBallots.PostAsync(election.Id, 8, challenge, Ct)).Failure);
        Assert.True((await _s.SpoiledBallots.PostAsync(election.Id, 7, challenge, Ct)).Succeeded);
        var open = TransactionJson.Parse((await _s.Elections.ReadEventAsync(election.Id, ChainEventKind.Open, Ct))!.Payload);
        Assert.Equal(3UL, open.RollSize);
        Assert.Contains(election.Id, (await _s.Queries.ListAsync(false, 7, Ct)).Where(e => e.Enrolled).Select(e => e.Id));
    }
}
