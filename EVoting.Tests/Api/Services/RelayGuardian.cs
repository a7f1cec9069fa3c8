using System.Text.Json.Nodes;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;
using static EVoting.Tests.Api.Services.ServiceHarness;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// One guardian doing what `evoting guardian join|shares|decrypt` does, with the real ceremony cryptography, against the
/// relay in process (<see cref="ServiceHarness.Relay"/>); it can also cheat on one share, as a test needs.
/// </summary>
internal sealed class RelayGuardian(ServiceHarness s, int electionId, string token)
{
    private CeremonyParameters _parameters = null!;
    private GuardianPolynomial _polynomial = null!;
    private BigInteger? _secretShare;

    public string Token => token;
    public int Index { get; private set; }
    public int Round { get; private set; }

    /// <summary>A new polynomial for the ceremony's current round and my index in it; its commitments posted.</summary>
    public async Task<Outcome<CeremonyResponse>> JoinAsync()
    {
        var me = (await s.Relay.WhoAmIAsync(electionId, token, Ct)).Value!;
        var ceremony = (await s.Relay.StatusAsync(electionId, Ct)).Value!;
        (_parameters, Index, Round, _secretShare) = (new CeremonyParameters((ulong)electionId, ceremony.Guardians, ceremony.Quorum), me.Index, ceremony.Round, null);
        _polynomial = GuardianPolynomial.Generate(_parameters, Index);
        return await s.Relay.PostCommitmentsAsync(electionId, token, new PostCommitmentsRequest(Array(GuardianMessages.SerializeCommitments(_polynomial.Commit()))), Ct);
    }

    /// <summary>My encrypted shares, one to each other guardian; the one to <paramref name="cheatOn"/> is P(ℓ) + 1.</summary>
    public async Task<Outcome<CeremonyResponse>> SharesAsync(int? cheatOn = null)
    {
        var commitments = await CommitmentsAsync();
        var shares = Enumerable.Range(1, _parameters.Guardians).Where(l => l != Index).Select(l => EncryptedShare.Encrypt(_parameters, Index, l,
            l == cheatOn ? P256.Mod(_polynomial.ShareFor(l).Add(BigInteger.One)) : _polynomial.ShareFor(l), commitments[l - 1][0].Commitment));
        return await s.Relay.PostSharesAsync(electionId, token, new PostSharesRequest(Array(GuardianMessages.SerializeShares(shares))), Ct);
    }

    /// <summary>The shares sent to me, decrypted: sender, value, and whether it matches the sender's commitments.</summary>
    public async Task<IReadOnlyList<(int From, BigInteger Value, bool Matches)>> OpenSharesAsync()
    {
        var commitments = await CommitmentsAsync();
        var ceremony = (await s.Relay.StatusAsync(electionId, Ct)).Value!;
        return ceremony.Shares.Select(n => EncryptedShareJson.Parse(n.ToJsonString())).Where(sh => sh.To == Index)
            .Select(sh => sh.Decrypt(_parameters, _polynomial.Coefficients[0]) is { } v
                ? (sh.From, v, GuardianPolynomial.ShareMatches(v, Index, commitments[sh.From - 1].Select(c => c.Commitment).ToArray()))
                : throw new InvalidOperationException($"the share from {sh.From} does not decrypt"))
            .ToArray();
    }

    /// <summary>Accepts every share sent to me (s_ℓ = P_ℓ(ℓ) + Σ received), as `shares` does when all match.</summary>
    public async Task<Outcome<CeremonyResponse>> AcceptAsync()
    {
        var received = await OpenSharesAsync();
        _secretShare = received.Aggregate(_polynomial.ShareFor(Index), (sum, r) => P256.Mod(sum.Add(r.Value)));
        return await s.Relay.PostVerdictAsync(electionId, token, new PostVerdictRequest(Round, true, null, null), Ct);
    }

    public Task<Outcome<CeremonyResponse>> ComplainAsync(int from, BigInteger share, int? round = null) =>
        s.Relay.PostVerdictAsync(electionId, token, new PostVerdictRequest(round ?? Round, null, from, LowerHex.Encode(P256.EncodeScalar(share))), Ct);

    /// <summary>After the close: my partial decryption of every candidate's aggregate, with proofs.</summary>
    public async Task<Outcome<CeremonyResponse>> DecryptAsync()
    {
        var record = CeremonyJson.Parse((await s.Relay.StatusAsync(electionId, Ct)).Value!.Record!.ToJsonString()).Verify();
        var election = s.Elections.Elections[electionId].ToBallotElection();
        var aggregates = (await s.Relay.AggregatesAsync(electionId, Ct)).Value!;
        var decryptions = aggregates.Aggregate.Select(a => PartialDecryption.Create(election, Index, _secretShare!, record.VerificationKey(Index),
            P256.DecodeTallyPoint(LowerHex.Decode(a.Alpha, BallotErrors.PointNotHex)), P256.DecodeTallyPoint(LowerHex.Decode(a.Beta, BallotErrors.PointNotHex))));
        return await s.Relay.PostDecryptionAsync(electionId, token, new PostDecryptionRequest(Array(GuardianMessages.SerializePartialDecryptions(decryptions))), Ct);
    }

    private async Task<IReadOnlyList<IReadOnlyList<CoefficientCommitment>>> CommitmentsAsync() =>
        (await s.Relay.StatusAsync(electionId, Ct)).Value!.Commitments.Select((c, i) => GuardianMessages.ParseCommitments(c!.ToJsonString(), i + 1)).ToArray();

    private static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();
}
