using EVoting.Api.Crypto;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;

namespace EVoting.Api.Elections;

/// <summary>
/// Creates an election. With the server as the one trustee (no guardians named): a fresh key pair whose secret is
/// sealed at rest (AES-GCM, bound to the election id) in the same database transaction that stores K and H_E, so no
/// row ever exists with a key but no way to decrypt its tally, or the other way round. With guardians: no key at all
/// until their ceremony completes (docs/trustees.md "Guardians in the product"); each gets an invitation token,
/// returned once.
/// </summary>
public sealed class ElectionCreator(IElectionStore elections, SecretSealer sealer, Blockchain.ChainSettings chain, TimeProvider clock)
{
    public const int MaxCandidates = Chain.ElectionLimits.MaxCandidates;

    /// <summary>
    /// Bounds g: every guardian posts q commitments and g − 1 shares and checks g − 1 shares (O(g²) work and messages),
    /// and the election_open and election_tally transactions grow with g·q and g·k within max_tx_bytes.
    /// </summary>
    public const int MaxGuardians = 16;

    /// <summary>Every field's problem; <paramref name="maxTxBytes"/> is the chain's bound on the transactions that will carry the record.</summary>
    public static FieldErrors Validate(CreateElectionRequest r, int maxTxBytes)
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
        ValidateGuardians(r, errors);
        if (!errors.Any)
            ValidateRecordSize(r, errors, maxTxBytes);
        return errors;
    }

    private static void ValidateGuardians(CreateElectionRequest r, FieldErrors errors)
    {
        if (r.Guardians is null)
        {
            if (r.Quorum is { } q && q != 1)
                errors.Add("quorum", "without guardians the server is the one trustee and the quorum is 1");
            return;
        }
        if (r.Guardians.Count is < 1 or > MaxGuardians)
        {
            errors.Add("guardians", $"between 1 and {MaxGuardians} guardians");
            return;
        }
        for (var i = 0; i < r.Guardians.Count; i++)
        {
            var g = r.Guardians[i];
            if (g is null || string.IsNullOrWhiteSpace(g.Name))
                errors.Add($"guardians[{i}].name", "is required");
            else if (g.Name.Length > 200)
                errors.Add($"guardians[{i}].name", "must be at most 200 characters");
            if (g?.Email is { Length: > 254 })
                errors.Add($"guardians[{i}].email", "must be at most 254 characters");
        }
        var names = r.Guardians.Where(g => !string.IsNullOrWhiteSpace(g?.Name)).Select(g => g!.Name!.Trim()).ToArray();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
            errors.Add("guardians", "each guardian needs a distinct name");
        if (r.Quorum is { } quorum && (quorum < 1 || quorum > r.Guardians.Count))
            errors.Add("quorum", "must be between 1 and the number of guardians");
    }

    /// <summary>The election_open and election_tally that will carry this election's record must fit in a transaction.</summary>
    private static void ValidateRecordSize(CreateElectionRequest r, FieldErrors errors, int maxTxBytes)
    {
        var (g, q) = r.Guardians is { } guardians ? (guardians.Count, r.Quorum ?? guardians.Count) : (1, 1);
        var k = r.Candidates!.Count;
        if (ElectionRecordSize.Open(r.Title!.Trim(), r.Candidates.Select(c => c!.Name!.Trim()), g, q) > maxTxBytes)
            errors.Add(r.Guardians is null ? "candidates" : "guardians",
                $"the title, candidate names and {g} × {q} ceremony commitments do not fit in one chain transaction ({maxTxBytes} bytes): use shorter names, fewer guardians or a lower quorum");
        else if (ElectionRecordSize.Tally(k, g) > maxTxBytes)
            errors.Add("guardians", $"a tally of {k} candidates with {g} guardians' partial decryptions does not fit in one chain transaction ({maxTxBytes} bytes): use fewer guardians");
    }

    public async Task<Outcome<ElectionResponse>> CreateAsync(CreateElectionRequest r, CancellationToken ct)
    {
        var errors = Validate(r, chain.Genesis.MaxTxBytes);
        if (errors.Any)
            return errors.ToFailure();

        var now = clock.GetUtcNow().UtcDateTime;
        if (r.Guardians is not null)
            return await CreateWithGuardiansAsync(r, now, ct);
        var key = ElectionKeyPair.Generate();
        var election = NewRecord(r, now, key.PublicKeyHex);
        // H_E and the sealing both bind the election id, known only after the insert.
        await elections.CreateAsync(election, e =>
        {
            e.ElectionHash = e.ToBallotElection().HashHex;
            e.EncryptedSecretKey = sealer.Seal(Convert.FromHexString(key.SecretHex), e.Id);
        }, ct);
        return election.ToResponse(hasVoted: false);
    }

    /// <summary>No key yet: K and H_E come from the guardians' ceremony; the tokens are returned once, only their hashes kept.</summary>
    private async Task<Outcome<ElectionResponse>> CreateWithGuardiansAsync(CreateElectionRequest r, DateTime now, CancellationToken ct)
    {
        var election = NewRecord(r, now, publicKey: "");
        election.ExternalGuardians = true;
        election.Guardians = r.Guardians!.Count;
        election.Quorum = r.Quorum ?? r.Guardians.Count;
        var invitations = r.Guardians.Select((g, i) => new GuardianInvitation(i + 1, g!.Name!.Trim(), g.Email?.Trim() ?? "", GuardianTokens.Generate())).ToArray();
        election.GuardianRows = invitations.Select(g => new ElectionGuardian
        {
            Index = g.Index, Name = g.Name, Email = g.Email, TokenHash = GuardianTokens.Hash(g.Token),
        }).ToList();
        await elections.CreateAsync(election, _ => { }, ct);
        return election.ToResponse(hasVoted: false) with { GuardianInvitations = invitations };
    }

    private static ElectionRecord NewRecord(CreateElectionRequest r, DateTime now, string publicKey) =>
        new()
        {
            Title = r.Title!.Trim(),
            Description = r.Description?.Trim() ?? "",
            StartsAt = (r.StartsAt ?? now).ToUniversalTime(),
            EndsAt = (r.EndsAt ?? (r.StartsAt ?? now).AddDays(7)).ToUniversalTime(),
            PublicKey = publicKey,
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

    /// <summary>The sealed secret of an election whose server is its one trustee; there is none with external guardians.</summary>
    public ElectionKeyPair OpenKey(ElectionRecord election) => election.ExternalGuardians
        ? throw new InvalidOperationException($"election {election.Id} has external guardians: the API holds no secret for it")
        : ElectionKeyPair.FromSecretHex(Convert.ToHexStringLower(sealer.Open(election.EncryptedSecretKey, election.Id)));
}
