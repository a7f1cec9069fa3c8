using System.Text.Json;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Api.Roll;
using EVoting.Api.Votes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Challenges;

/// <summary>A posted challenged ballot: <see cref="IsNew"/> when this request stored it, false for a repeat.</summary>
public sealed record PostedSpoiledBallot(SpoiledBallotReceipt Receipt, bool IsNew);

/// <summary>
/// The public list of challenged ("spoiled") ballots (docs/trustees.md#ballot-challenge). A post is checked the cheap
/// way first (election, JSON shape, election id, status) and only then by its cryptography (the ballot's proofs and
/// α_i = ξ_i·G, β_i = (m_i + ξ_i)·K); nothing that fails is stored. In a roll election only the accounts on its roll
/// may post (docs/voter-roll.md), so strangers cannot fill the election's list.
/// </summary>
public sealed class SpoiledBallotService(
    IElectionStore elections, ISpoiledBallotStore store, IRollStore rolls, IOptions<SpoiledBallotOptions> options, TimeProvider clock)
{
    public const int MaxPageSize = 100;
    public const string ListFull = "This election's list of spoiled ballots is full.";
    public const string AlreadyCast = "A ballot with this tracking code was cast; its nonces stay secret.";

    public async Task<Outcome<PostedSpoiledBallot>> PostAsync(int electionId, int voterId, JsonElement body, CancellationToken ct)
    {
        var election = await elections.FindAsync(electionId, ct);
        if (election is null)
            return new Failure.NotFound($"Election {electionId} does not exist.");
        if (election.Eligibility == Eligibility.Roll && !await rolls.IsEnrolledAsync(electionId, voterId, ct))
            return new Failure.Forbidden(VoteSubmitter.NotOnRoll(electionId));
        if (body.ValueKind != JsonValueKind.Object)
            return new Failure.BadInput("The challenged ballot must be a JSON object {election_id, ballot, selections, nonces}.");
        ChallengedBallot challenged;
        try
        {
            var (id, parsed) = ChallengedBallotJson.Parse(body.GetRawText());
            if (id != (ulong)electionId)
                return new Failure.BadInput("The challenged ballot is malformed: " + BallotErrors.WrongElection);
            challenged = parsed;
        }
        catch (BallotFormatException e)
        {
            return new Failure.BadInput("The challenged ballot is malformed: " + e.Message);
        }
        if (election.Status != ElectionStatus.Open)
            return NotOpen(electionId, election.Status);
        var ballotElection = election.ToBallotElection();
        if (challenged.Verify(ballotElection) is { } reason)
            return new Failure.BadInput("The challenged ballot does not check: " + reason);

        var row = new SpoiledBallot
        {
            ElectionId = electionId,
            BallotHash = BallotHash.ComputeHex(ballotElection, challenged.Ballot),
            Json = ChallengedBallotJson.Serialize((ulong)electionId, challenged),
            PostedAt = clock.GetUtcNow().UtcDateTime,
        };
        return await store.AddAsync(row, options.Value.MaxPerElection, ct) switch
        {
            SpoiledAdmission.Stored stored => new PostedSpoiledBallot(Receipt(stored.Row), IsNew: true),
            SpoiledAdmission.AlreadyPosted repeat => new PostedSpoiledBallot(Receipt(repeat.Existing), IsNew: false),
            SpoiledAdmission.ElectionNotOpen closed => NotOpen(electionId, closed.Status),
            SpoiledAdmission.AlreadyCast => new Failure.Conflict(AlreadyCast),
            SpoiledAdmission.ListFull => new Failure.Conflict(ListFull),
            var other => throw new InvalidOperationException($"unexpected admission {other}"),
        };
    }

    /// <summary>Up to <paramref name="limit"/> (1..100, default 100) challenged ballots from <paramref name="offset"/>, in posting order.</summary>
    public async Task<Outcome<JsonElement[]>> ListAsync(int electionId, int? offset, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (offset is < 0)
            errors.Add("offset", "must be 0 or more");
        if (limit is < 1 or > MaxPageSize)
            errors.Add("limit", $"must be between 1 and {MaxPageSize}");
        if (errors.Any)
            return errors.ToFailure();
        if (!await elections.ExistsAsync(electionId, ct))
            return new Failure.NotFound($"Election {electionId} does not exist.");
        var page = await store.ListAsync(electionId, offset ?? 0, limit ?? MaxPageSize, ct);
        return page.Select(json => JsonSerializer.Deserialize<JsonElement>(json)).ToArray();
    }

    private static Failure.Conflict NotOpen(int electionId, ElectionStatus status) =>
        new($"Election {electionId} is not open (status {status.Text()}): a ballot can be challenged only while voting is open.");

    private static SpoiledBallotReceipt Receipt(SpoiledBallot row) => new(row.ElectionId, row.BallotHash, row.PostedAt);
}
