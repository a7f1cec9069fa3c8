using EVoting.Api.Crypto;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;

namespace EVoting.Api.Elections;

/// <summary>
/// Creates an election with a fresh key pair. The secret is sealed at rest (AES-GCM, bound to the
/// election id) in the same database transaction that stores K and H_E, so no row ever exists
/// with a key but no way to decrypt its tally, or the other way round.
/// </summary>
public sealed class ElectionCreator(IElectionStore elections, SecretSealer sealer, TimeProvider clock)
{
    public const int MaxCandidates = Chain.ElectionLimits.MaxCandidates;

    public static FieldErrors Validate(CreateElectionRequest r)
    {
        var errors = new FieldErrors()
            .Required("title", r.Title).MaxLength("title", r.Title, 200)
            .MaxLength("description", r.Description, 4000);
        if (r.Candidates is null || r.Candidates.Count == 0)
            errors.Add("candidates", "at least one candidate is required");
        else if (r.Candidates.Count > MaxCandidates)
            errors.Add("candidates", $"at most {MaxCandidates} candidates");
        else
        {
            for (var i = 0; i < r.Candidates.Count; i++)
            {
                var c = r.Candidates[i];
                if (c is null || string.IsNullOrWhiteSpace(c.Name))
                    errors.Add($"candidates[{i}].name", "is required");
                else if (c.Name.Length > 200)
                    errors.Add($"candidates[{i}].name", "must be at most 200 characters");
                if (c?.Description is { Length: > 2000 })
                    errors.Add($"candidates[{i}].description", "must be at most 2000 characters");
            }
        }
        var k = r.Candidates?.Count ?? 0;
        if (r.MaxSelections is { } l && (l < 1 || k > 0 && l > k))
            errors.Add("max_selections", "must be between 1 and the number of candidates");
        if (r.StartsAt is { } s && r.EndsAt is { } e && e <= s)
            errors.Add("ends_at", "must be after starts_at");
        if (r.Eligibility is not null && !Eligibility.IsKnown(r.Eligibility))
            errors.Add("eligibility", $"must be \"{Eligibility.Roll}\" (voters enrol with a code from the roll) or \"{Eligibility.Open}\" (anyone may register and vote)");
        return errors;
    }

    public async Task<Outcome<ElectionResponse>> CreateAsync(CreateElectionRequest r, CancellationToken ct)
    {
        var errors = Validate(r);
        if (errors.Any)
            return errors.ToFailure();

        var now = clock.GetUtcNow().UtcDateTime;
        var key = ElectionKeyPair.Generate();
        var election = new ElectionRecord
        {
            Title = r.Title!.Trim(),
            Description = r.Description?.Trim() ?? "",
            StartsAt = (r.StartsAt ?? now).ToUniversalTime(),
            EndsAt = (r.EndsAt ?? (r.StartsAt ?? now).AddDays(7)).ToUniversalTime(),
            PublicKey = key.PublicKeyHex,
            EncryptedSecretKey = [],
            ElectionHash = "",
            MaxSelections = r.MaxSelections ?? 1,
            Eligibility = r.Eligibility ?? Eligibility.Roll,
            CreatedAt = now,
            Candidates = r.Candidates!.Select((c, i) => new Candidate
            {
                Position = i + 1, Name = c!.Name!.Trim(), Description = c.Description?.Trim() ?? "",
            }).ToList(),
        };
        // H_E and the sealing both bind the election id, known only after the insert.
        await elections.CreateAsync(election, e =>
        {
            e.ElectionHash = e.ToBallotElection().HashHex;
            e.EncryptedSecretKey = sealer.Seal(Convert.FromHexString(key.SecretHex), e.Id);
        }, ct);
        return election.ToResponse(hasVoted: false);
    }

    public ElectionKeyPair OpenKey(ElectionRecord election) =>
        ElectionKeyPair.FromSecretHex(Convert.ToHexStringLower(sealer.Open(election.EncryptedSecretKey, election.Id)));
}
