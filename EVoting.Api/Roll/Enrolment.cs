using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;

namespace EVoting.Api.Roll;

/// <summary>
/// The voter's side of a roll: an enrolment code puts an account on one election's roll, at
/// registration or later. Unknown codes are 400, used and expired ones 409, each with its own
/// message (docs/voter-roll.md "Enrolment").
/// </summary>
public sealed class Enrolment(IRollStore rolls, IElectionStore elections, TimeProvider clock)
{
    public const string Malformed = "is not an enrolment code (26 letters and digits, as printed on the code sheet)";
    public const string Unknown = "This enrolment code is unknown. Check it against the code sheet.";
    public const string Used = "This enrolment code has already been used.";
    public const string AlreadyEnrolled = "Your account is already on the roll of this election.";

    /// <summary>The entry the code names, when it can still be used; the cheap checks before any password is hashed.</summary>
    public async Task<Outcome<CodeMatch>> FindUsableAsync(string field, string? code, CancellationToken ct)
    {
        if (EnrolmentCode.Normalize(code) is not { } normalized)
            return new FieldErrors().Add(field, Malformed).ToFailure();
        var match = await rolls.FindByCodeHashAsync(EnrolmentCode.Hash(normalized), ct);
        if (match is null)
            return new Failure.BadInput(Unknown);
        if (match.VoterId is not null)
            return new Failure.Conflict(Used);
        if (match.ExpiresAt is not { } expires || expires <= clock.GetUtcNow().UtcDateTime)
            return new Failure.Conflict($"This enrolment code expired at {match.ExpiresAt:u}. Ask the election's official for a new one.");
        return match;
    }

    /// <summary>Adds the code's election to a logged-in account.</summary>
    public async Task<Outcome<EnrolmentResponse>> EnrolAsync(int voterId, EnrolRequest request, CancellationToken ct)
    {
        var found = await FindUsableAsync("code", request.Code, ct);
        if (found.Failure is { } failure)
            return failure;
        var claim = await rolls.ClaimAsync(found.Value!, voterId, clock.GetUtcNow().UtcDateTime, ct);
        if (Refusal(claim) is { } refused)
            return refused;
        var election = await elections.FindAsync(found.Value!.ElectionId, ct);
        return new EnrolmentResponse(found.Value.ElectionId, election?.Title ?? "");
    }

    /// <summary>Creates the account and uses the code for it, atomically.</summary>
    public async Task<Failure?> RegisterAsync(Voter voter, CodeMatch code, CancellationToken ct) =>
        Refusal(await rolls.AddVoterAndClaimAsync(voter, code, clock.GetUtcNow().UtcDateTime, ct));

    private static Failure? Refusal(RollClaim claim) => claim switch
    {
        RollClaim.Claimed => null,
        RollClaim.CodeUsed => new Failure.Conflict(Used),
        RollClaim.AlreadyEnrolled => new Failure.Conflict(AlreadyEnrolled),
        RollClaim.EmailTaken => new Failure.Conflict(Accounts.AccountService.EmailTaken),
        _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, null),
    };
}
