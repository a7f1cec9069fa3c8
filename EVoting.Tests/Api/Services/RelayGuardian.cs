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

    /// <summary>
    /// My encrypted shares, one to each other guardian; the one to <paramref name="cheatOn"/> is P(ℓ) + 1, properly
    /// encrypted, or with <paramref name="garbage"/> a ciphertext whose GCM tag fails.
    /// </summary>
    public async Task<Outcome<CeremonyResponse>> SharesAsync(int? cheatOn = null, bool garbage = false)
    {
        var commitments = await CommitmentsAsync();
        var shares = Enumerable.Range(1, _parameters.Guardians).Where(l => l != Index).Select(ShareTo);
        return await s.Relay.PostSharesAsync(electionId, token, new PostSharesRequest(Array(GuardianMessages.SerializeShares(shares))), Ct);

        EncryptedShare ShareTo(int l)
        {
            var wrongValue = l == cheatOn && !garbage;
            var value = wrongValue ? P256.Mod(_polynomial.ShareFor(l).Add(BigInteger.One)) : _polynomial.ShareFor(l);
            var share = EncryptedShare.Encrypt(_parameters, Index, l, value, commitments[l - 1][0].Commitment);
            return l == cheatOn && garbage ? share with { Ciphertext = [(byte)(share.Ciphertext[0] ^ 1), .. share.Ciphertext[1..]] } : share;
        }
    }

    /// <summary>The shares sent to me, decrypted: sender, value (null: it does not decrypt), and whether it matches the sender's commitments.</summary>
    public async Task<IReadOnlyList<(int From, BigInteger? Value, bool Matches)>> OpenSharesAsync()
    {
        var commitments = await CommitmentsAsync();
        return (await ReceivedAsync())
            .Select(sh => sh.Decrypt(_parameters, _polynomial.Coefficients[0]) is { } v
                ? (sh.From, v, GuardianPolynomial.ShareMatches(v, Index, commitments[sh.From - 1].Select(c => c.Commitment).ToArray()))
                : (sh.From, (BigInteger?)null, false))
            .ToArray();
    }

    /// <summary>Accepts every share sent to me (s_ℓ = P_ℓ(ℓ) + Σ received), as `shares` does when all match.</summary>
    public async Task<Outcome<CeremonyResponse>> AcceptAsync()
    {
        var received = await OpenSharesAsync();
        _secretShare = received.Aggregate(_polynomial.ShareFor(Index), (sum, r) => P256.Mod(sum.Add(r.Value!)));
        return await s.Relay.PostVerdictAsync(electionId, token, new PostVerdictRequest(Round, true, null, null, null), Ct);
    }

    /// <summary>
    /// A complaint about <paramref name="from"/>'s share to me, as `shares` makes it: S = a_{ℓ,0}·R and its proof for
    /// <paramref name="proofRound"/> (default: the round posted), optionally altered by <paramref name="forge"/>. With no
    /// share from that guardian (a hostile complaint about oneself, an unknown index, or before the shares) the proof is
    /// about a made-up share.
    /// </summary>
    public async Task<Outcome<CeremonyResponse>> ComplainAsync(int from, int? round = null, int? proofRound = null, Func<ComplaintProof, ComplaintProof>? forge = null)
    {
        var share = (await ReceivedAsync()).FirstOrDefault(sh => sh.From == from)
            ?? new EncryptedShare(from, Index, P256.MultiplyG(P256.RandomNonZeroScalar()).Normalize(), new byte[EncryptedShare.CiphertextLength]);
        var proof = ComplaintProof.Create(_parameters, proofRound ?? round ?? Round, share, _polynomial.Coefficients[0]);
        return await s.Relay.PostVerdictAsync(electionId, token, VerdictFor(from, round ?? Round, forge?.Invoke(proof) ?? proof), Ct);
    }

    /// <summary>The request `shares` posts for a complaint.</summary>
    public static PostVerdictRequest VerdictFor(int from, int round, ComplaintProof proof) =>
        new(round, null, from, LowerHex.Encode(P256.Encode(proof.SharedPoint)), new SharedPointProof(Hex(proof.C), Hex(proof.V)));

    public static string Hex(BigInteger scalar) => LowerHex.Encode(P256.EncodeScalar(scalar));

    private async Task<IEnumerable<EncryptedShare>> ReceivedAsync() =>
        (await s.Relay.StatusAsync(electionId, Ct)).Value!.Shares.Select(n => EncryptedShareJson.Parse(n.ToJsonString())).Where(sh => sh.To == Index);

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
