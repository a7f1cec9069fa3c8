using System.Text.Json.Nodes;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// The API's relay for the guardians' public messages (docs/trustees.md "Guardians in the product"): commitments with
/// their proofs, encrypted shares, verdicts, and after the close partial decryptions. It checks everything it can
/// check from public values before storing it (proofs, indices, a complaint against the sender's commitments, a partial
/// decryption against K*_ℓ and the chain's aggregates) and never sees a secret. A guardian authenticates with the
/// invitation token it was given at the election's creation (<see cref="GuardianTokens"/>).
/// </summary>
public sealed class GuardianRelay(IElectionStore elections, IGuardianStore guardians, ChainAggregates aggregates, TimeProvider clock)
{
    private readonly ComplaintJudge _judge = new(elections, guardians, clock);

    public async Task<Outcome<CeremonyResponse>> StatusAsync(int id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        return loaded.Failure ?? (Outcome<CeremonyResponse>)loaded.Value!.State.ToResponse();
    }

    /// <summary>Which guardian a token belongs to: what `evoting guardian join` asks first, to know its index ℓ.</summary>
    public async Task<Outcome<GuardianStatus>> WhoAmIAsync(int id, string? token, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(id, token, ct);
        if (auth.Failure is { } failure)
            return failure;
        var me = auth.Value!.Me;
        return auth.Value.State.ToResponse().Members.Single(m => m.Index == me.Index);
    }

    public Task<Outcome<CeremonyResponse>> PostCommitmentsAsync(int id, string? token, PostCommitmentsRequest request, CancellationToken ct)
    {
        if (request.Commitments is null)
            return Task.FromResult<Outcome<CeremonyResponse>>(new Failure.BadInput("commitments: the guardian's q commitments are required."));
        return guardians.SerializedAsync(id, () => CommitmentsAsync(id, token, request.Commitments, ct), ct);
    }

    private async Task<Outcome<CeremonyResponse>> CommitmentsAsync(int id, string? token, JsonArray posted, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(id, token, ct);
        if (auth.Failure is { } failure)
            return failure;
        var (election, state, me) = auth.Value!;
        if (state.Phase == CeremonyState.Failed)
            return CeremonyFailed(state);
        IReadOnlyList<CoefficientCommitment> commitments;
        try
        {
            commitments = GuardianMessages.ParseCommitments(posted.ToJsonString(), me.Index);
        }
        catch (BallotFormatException e)
        {
            return new Failure.BadInput($"commitments: {e.Message}");
        }
        if (commitments.Count != election.Quorum)
            return new Failure.BadInput($"commitments: {TrusteeErrors.WrongCommitmentCount} (q = {election.Quorum}).");
        foreach (var commitment in commitments)
        {
            // H_P holds g, which every restart lowers: commitments made for an earlier round fail here.
            if (commitment.Verify(state.Parameters) is { } reason)
                return new Failure.BadInput($"commitments[{commitment.Index}]: {reason} (round {state.Round}: guardian {me.Index} of {election.Guardians}).");
        }
        var json = GuardianMessages.SerializeCommitments(commitments);
        if (me.Commitments is not null)
            return me.Commitments == json ? state.ToResponse() : new Failure.Conflict($"Guardian {me.Index} has already posted other commitments.");
        me.Commitments = json;
        me.JoinedAt = clock.GetUtcNow().UtcDateTime;
        await guardians.SaveAsync(ct);
        return state.ToResponse();
    }

    public Task<Outcome<CeremonyResponse>> PostSharesAsync(int id, string? token, PostSharesRequest request, CancellationToken ct)
    {
        if (request.Shares is null)
            return Task.FromResult<Outcome<CeremonyResponse>>(new Failure.BadInput("shares: one encrypted share for each other guardian is required."));
        return guardians.SerializedAsync(id, () => SharesAsync(id, token, request.Shares, ct), ct);
    }

    private async Task<Outcome<CeremonyResponse>> SharesAsync(int id, string? token, JsonArray posted, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(id, token, ct);
        if (auth.Failure is { } failure)
            return failure;
        var (election, state, me) = auth.Value!;
        if (state.Phase == CeremonyState.Failed)
            return CeremonyFailed(state);
        if (state.Phase == CeremonyState.Commitments)
            return new Failure.Conflict($"Shares are sent once every guardian has posted commitments; waiting for: {state.Waiting()}.");
        IReadOnlyList<EncryptedShare> shares;
        try
        {
            shares = GuardianMessages.ParseShares(posted.ToJsonString());
        }
        catch (BallotFormatException e)
        {
            return new Failure.BadInput($"shares: {e.Message}");
        }
        var others = Enumerable.Range(1, election.Guardians).Where(l => l != me.Index).ToArray();
        if (shares.Any(s => s.From != me.Index) || !shares.Select(s => s.To).Order().SequenceEqual(others))
            return new Failure.BadInput($"shares: exactly one share from guardian {me.Index} to each other guardian ({string.Join(", ", others)}) is required (round {state.Round}).");
        var json = GuardianMessages.SerializeShares(shares.OrderBy(s => s.To));
        if (me.Shares is not null)
            return me.Shares == json ? state.ToResponse() : new Failure.Conflict($"Guardian {me.Index} has already posted other shares.");
        me.Shares = json;
        await guardians.SaveAsync(ct);
        return state.ToResponse();
    }

    /// <summary>
    /// Accept, or complain with the share's shared point and its proof (docs/trustees.md "A complaint"). The relay checks
    /// the proof, derives the share's key from the point, decrypts the posted share and judges it from public values:
    /// upheld when it does not decrypt, is no scalar or fails the sender's commitments (the sender is removed and the
    /// ceremony restarts with the others, or fails when fewer than q would remain); refused when it matches (recorded,
    /// nothing else changes); a proof that does not verify is refused and not recorded.
    /// </summary>
    public Task<Outcome<CeremonyResponse>> PostVerdictAsync(int id, string? token, PostVerdictRequest request, CancellationToken ct)
    {
        if (request.Round is not { } round)
            return Task.FromResult<Outcome<CeremonyResponse>>(new Failure.BadInput("round: the ceremony round the verdict is about is required (the ceremony's round)."));
        if (request.Accept == true)
            return guardians.SerializedAsync(id, () => VerdictAsync(id, token, round, null, ct), ct);
        if (request.Accept == false || request.From is not { } from)
            return Task.FromResult<Outcome<CeremonyResponse>>(new Failure.BadInput("A verdict is accept: true, or a complaint naming the sender (from) with the share's shared_point and its proof."));
        var complaint = ComplaintJudge.Read(from, request.SharedPoint, request.Proof);
        if (complaint.Failure is { } malformed)
            return Task.FromResult<Outcome<CeremonyResponse>>(malformed);
        return guardians.SerializedAsync(id, () => VerdictAsync(id, token, round, complaint.Value, ct), ct);
    }

    private async Task<Outcome<CeremonyResponse>> VerdictAsync(int id, string? token, int round, ComplaintJudge.Complaint? complaint, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(id, token, ct);
        if (auth.Failure is { } failure)
            return failure;
        var (election, state, me) = auth.Value!;
        if (state.Phase == CeremonyState.Failed)
            return CeremonyFailed(state);
        if (round != state.Round)
            return new Failure.Conflict($"The key ceremony is in round {state.Round}, not {round}: it restarted without a guardian whose complaint was upheld. Run `evoting guardian join` again, then `shares`.");
        if (state.Phase == CeremonyState.Complete)
            return new Failure.Conflict("The key ceremony is complete: every guardian accepted every share, and no verdict changes it.");
        if (state.Phase is CeremonyState.Commitments or CeremonyState.Shares)
            return new Failure.Conflict($"A verdict is given once every guardian has posted its shares; waiting for: {state.Waiting()}.");
        if (me.Verdict is not null)
            return new Failure.Conflict($"Guardian {me.Index} has already given its verdict ({me.Verdict}) in round {round}.");
        if (complaint is not { } c)
        {
            me.Verdict = CeremonyState.Accepted;
            await guardians.SaveAsync(ct);
            if (state.Record() is { } record)
            {
                // Complete: K and H_E are now known, and the election can open.
                election.PublicKey = LowerHex.Encode(P256.Encode(record.ElectionKey));
                election.ElectionHash = election.ToBallotElection().HashHex;
                await elections.SaveAsync(ct);
            }
            return state.ToResponse();
        }
        return await _judge.JudgeAsync(election, state, me, c, ct);
    }

    /// <summary>The sums of the final ballots on chain, once the election is closed: what guardians decrypt.</summary>
    public async Task<Outcome<AggregatesResponse>> AggregatesAsync(int id, CancellationToken ct)
    {
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        var summed = await aggregates.SumAsync(election, ct);
        if (summed.Failure is { } failure)
            return failure;
        return new AggregatesResponse(id, summed.Value!.TotalBallots, TallyCodec.Aggregate(summed.Value.Sums));
    }

    /// <summary>Guardian ℓ's partial decryptions, each checked against K*_ℓ and the chain's aggregates before it is kept.</summary>
    public async Task<Outcome<CeremonyResponse>> PostDecryptionAsync(int id, string? token, PostDecryptionRequest request, CancellationToken ct)
    {
        var auth = await AuthenticateAsync(id, token, ct);
        if (auth.Failure is { } failure)
            return failure;
        var (election, state, me) = auth.Value!;
        if (election.Status != ElectionStatus.Closed)
            return new Failure.Conflict($"Election {id} is {election.Status.Text()}; partial decryptions are posted after it is closed and before the tally.");
        if (request.Decryptions is null)
            return new Failure.BadInput("decryptions: one partial decryption per candidate is required.");
        IReadOnlyList<PartialDecryption> decryptions;
        try
        {
            decryptions = GuardianMessages.ParsePartialDecryptions(request.Decryptions.ToJsonString());
        }
        catch (BallotFormatException e)
        {
            return new Failure.BadInput($"decryptions: {e.Message}");
        }
        if (decryptions.Count != election.Candidates.Count || decryptions.Any(d => d.Guardian != me.Index))
            return new Failure.BadInput($"decryptions: one per candidate ({election.Candidates.Count}), each from guardian {me.Index}.");
        var summed = await aggregates.SumAsync(election, ct);
        if (summed.Failure is { } notSummed)
            return notSummed;
        var sums = summed.Value!.Sums;
        var ballotElection = election.ToBallotElection();
        var key = CeremonyResult.FromCommitments(state.Parameters, state.AllCommitments()).VerificationKey(me.Index);
        for (var i = 0; i < decryptions.Count; i++)
        {
            if (decryptions[i].Verify(ballotElection, key, sums.A[i], sums.B[i]) is { } reason)
                return new Failure.BadInput($"decryptions[{i}]: {reason}.");
        }
        me.Decryption = GuardianMessages.SerializePartialDecryptions(decryptions);
        await guardians.SaveAsync(ct);
        return state.ToResponse();
    }

    private static Failure CeremonyFailed(CeremonyState state) =>
        new Failure.Conflict($"The key ceremony has failed: {state.Complaints.Last(c => c.Ruling == JudgedComplaint.Failed).Reason}");

    private sealed record Loaded(ElectionRecord Election, CeremonyState State, IReadOnlyList<ElectionGuardian> Rows);

    private async Task<Outcome<Loaded>> LoadAsync(int id, CancellationToken ct)
    {
        var election = await elections.FindAsync(id, ct);
        if (election is null)
            return new Failure.NotFound($"Election {id} does not exist.");
        if (!election.ExternalGuardians)
            return new Failure.Conflict($"Election {id} has the server as its one trustee (demo); it has no guardians.");
        var rows = await guardians.ListAsync(id, ct);
        return new Loaded(election, new CeremonyState(election, rows), rows);
    }

    private sealed record Authenticated(ElectionRecord Election, CeremonyState State, ElectionGuardian Me);

    /// <summary>The guardian whose token this is; a guardian removed by an upheld complaint is refused and told why.</summary>
    private async Task<Outcome<Authenticated>> AuthenticateAsync(int id, string? token, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        if (loaded.Failure is { } failure)
            return failure;
        var (election, state, rows) = loaded.Value!;
        var me = string.IsNullOrEmpty(token) || token.Length > 100 ? null : rows.FirstOrDefault(g => GuardianTokens.Matches(token, g.TokenHash));
        if (me is null)
            return new Failure.NotAuthenticated($"A guardian of election {id} sends its invitation token in the {GuardianTokens.Header} header.");
        if (me.Index < 1)
        {
            var removal = state.Complaints.Single(c => c.Round == -me.Index && c.Ruling == JudgedComplaint.Restarted);
            return new Failure.Forbidden($"{me.Name} is no longer a guardian of election {id}: {removal.Reason}");
        }
        return new Authenticated(election, state, me);
    }
}
